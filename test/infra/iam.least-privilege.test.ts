import { describe, expect, it } from 'vitest';
import { actionsOf, logicalId, policyStatements, type Statement, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const ids = {
  queue: logicalId(stack.hrSync.queues.queue),
  dlq: logicalId(stack.hrSync.queues.deadLetterQueue),
  heymarketSecret: logicalId(stack.hrSync.heymarketSecret),
  webhookSecret: logicalId(stack.hrSync.webhookSecret),
  hrisSecret: logicalId(stack.hrSync.hrisSecret),
  receiverLogs: logicalId(stack.hrSync.receiver.logGroup),
  appliedTable: logicalId(stack.hrSync.appliedTable.table),
  workerLogs: logicalId(stack.hrSync.worker.logGroup),
};
const receiver = policyStatements(template, logicalId(stack.hrSync.receiver.role));
const worker = policyStatements(template, logicalId(stack.hrSync.worker.role));

/** The statements allowing `action`, as the logical ids their resources point at. */
const grantsOf = (statements: Statement[], action: string) =>
  statements
    .filter((statement) => statement.Effect === 'Allow' && actionsOf(statement).includes(action))
    .map((statement) => JSON.stringify(statement.Resource));

describe('least privilege', () => {
  it('lets the receiver send to the main queue and read the webhook secret', () => {
    expect(grantsOf(receiver, 'sqs:SendMessage')).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [ids.queue, 'Arn'] }),
    ]);
    expect(grantsOf(receiver, 'secretsmanager:GetSecretValue')).toEqual([
      JSON.stringify({ Ref: ids.webhookSecret }),
    ]);
  });

  it('does not let the receiver read the Heymarket or HR API secrets, touch the DLQ or consume the queue', () => {
    const policy = JSON.stringify(receiver);
    expect(policy).not.toContain(ids.heymarketSecret);
    expect(policy).not.toContain(ids.hrisSecret);
    expect(policy).not.toContain(ids.dlq);
    expect(grantsOf(receiver, 'sqs:ReceiveMessage')).toEqual([]);
  });

  it('lets the receiver get and put only the delivery# items of the applied table, and nothing else there', () => {
    const tableArn = JSON.stringify({ 'Fn::GetAtt': [ids.appliedTable, 'Arn'] });
    const onTable = receiver.filter((statement) =>
      JSON.stringify(statement.Resource).includes(ids.appliedTable),
    );
    expect(onTable).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        Resource: JSON.parse(tableArn),
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['delivery#*'] } },
      },
    ]);
    for (const action of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:Query']) {
      expect(grantsOf(receiver, action), action).toEqual([]);
    }
  });

  it('lets the worker read the Heymarket and HR API secrets, consume the main queue and send to the DLQ', () => {
    expect(grantsOf(worker, 'secretsmanager:GetSecretValue').sort()).toEqual(
      [JSON.stringify({ Ref: ids.heymarketSecret }), JSON.stringify({ Ref: ids.hrisSecret })].sort(),
    );
    expect(JSON.stringify(worker)).toContain(ids.hrisSecret);
    expect(grantsOf(worker, 'sqs:ReceiveMessage')).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [ids.queue, 'Arn'] }),
    ]);
    expect(grantsOf(worker, 'sqs:DeleteMessage')).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [ids.queue, 'Arn'] }),
    ]);
    expect(grantsOf(worker, 'sqs:SendMessage')).toEqual([JSON.stringify({ 'Fn::GetAtt': [ids.dlq, 'Arn'] })]);
  });

  it('does not let the worker read the webhook secret or send to the main queue', () => {
    expect(JSON.stringify(worker)).not.toContain(ids.webhookSecret);
    expect(grantsOf(worker, 'sqs:SendMessage')).not.toContain(
      JSON.stringify({ 'Fn::GetAtt': [ids.queue, 'Arn'] }),
    );
  });

  it('lets each function write only to its own log group', () => {
    expect(grantsOf(receiver, 'logs:PutLogEvents')).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [ids.receiverLogs, 'Arn'] }),
    ]);
    expect(grantsOf(worker, 'logs:PutLogEvents')).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [ids.workerLogs, 'Arn'] }),
    ]);
  });

  it('grants nothing on every resource and no wildcard action', () => {
    for (const statement of [...receiver, ...worker]) {
      expect(statement.Resource).not.toBe('*');
      for (const action of actionsOf(statement)) expect(action).not.toContain('*');
    }
  });
});
