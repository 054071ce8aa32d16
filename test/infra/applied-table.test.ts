import { describe, expect, it } from 'vitest';
import { actionsOf, logicalId, policyStatements, resourceProps, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const tableId = logicalId(stack.hrSync.appliedTable.table);
const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
const statementsOn = (roleId: string) =>
  policyStatements(template, roleId).filter((statement) =>
    JSON.stringify(statement.Resource).includes(`"${tableId}"`),
  );

describe('the applied table', () => {
  it('is keyed by HR employee, on demand, with TTL on expiresAt, point-in-time recovery and SSE', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    expect(resourceProps(template, tableId)).toMatchObject({
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('lets the worker UpdateItem on it (a conditional claim and release) and GetItem the access review only', () => {
    const statements = statementsOn(logicalId(stack.hrSync.worker.role));
    expect(statements.flatMap(actionsOf).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    for (const statement of statements) expect([statement.Resource].flat()).toEqual([tableArn]);
    const reads = statements.filter((statement) => actionsOf(statement).includes('dynamodb:GetItem'));
    expect(reads).toHaveLength(1);
    for (const statement of reads) {
      expect(actionsOf(statement)).toEqual(['dynamodb:GetItem']);
      expect(statement).toMatchObject({
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['access-review#latest'] } },
      });
    }
  });

  it('gives the receiver GetItem and PutItem on its delivery# items only (the partition-key condition)', () => {
    const statements = statementsOn(logicalId(stack.hrSync.receiver.role));
    expect(statements.flatMap(actionsOf).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    for (const statement of statements) {
      expect(statement).toMatchObject({
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['delivery#*'] } },
      });
    }
  });
});
