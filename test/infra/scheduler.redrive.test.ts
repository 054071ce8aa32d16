import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_REPLAYS, REDRIVE_LIMIT } from '../../infra/scheduled-redrive.js';
import { ACCESS_REVIEW_KEY } from '../../lambda/core/access-review-report.js';
import {
  actionsOf,
  grantsOf,
  logicalId,
  policyStatements,
  synthScheduler,
  synthStack,
  variablesOf,
} from './synth-template.js';

const { stack, template, ids, statements } = synthScheduler();
const arnOf = (id: string) => JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] });

// Its schedule, retries, DLQ and failed-invocation alarm: scheduler.schedules.test.ts.
describe('the scheduled redrive', () => {
  it('tells the function the queues, the replay limit and the per-run cap', () => {
    const variables = variablesOf(template, ids.fn);
    expect(variables).toMatchObject({
      QUEUE_URL: { Ref: ids.queue },
      DLQ_URL: { Ref: ids.dlq },
      MAX_REPLAYS: String(DEFAULT_MAX_REPLAYS),
      REDRIVE_LIMIT: String(REDRIVE_LIMIT),
    });
  });

  it('takes the replay limit from context', () => {
    const custom = synthStack({}, { maxReplays: '5' });
    const variables = variablesOf(custom.template, logicalId(custom.stack.hrSync.redrive.fn.function));
    expect(variables.MAX_REPLAYS).toBe('5');
  });

  it('lets only the scheduler function receive and delete on the DLQ, and send only to the main queue', () => {
    expect(grantsOf(statements, 'sqs:ReceiveMessage')).toEqual([arnOf(ids.dlq)]);
    expect(grantsOf(statements, 'sqs:DeleteMessage')).toEqual([arnOf(ids.dlq)]);
    expect(grantsOf(statements, 'sqs:ChangeMessageVisibility')).toEqual([arnOf(ids.dlq)]);
    expect(grantsOf(statements, 'sqs:SendMessage')).toEqual([arnOf(ids.queue)]);
    // It reads the Heymarket and HR API secrets for the reconcile job, never the webhook secret.
    expect(JSON.stringify(statements)).not.toContain(logicalId(stack.hrSync.webhookSecret));
    for (const role of [stack.hrSync.receiver.role, stack.hrSync.worker.role]) {
      const other = policyStatements(template, logicalId(role));
      expect(grantsOf(other, 'sqs:ReceiveMessage')).not.toContain(arnOf(ids.dlq));
      expect(grantsOf(other, 'sqs:DeleteMessage')).not.toContain(arnOf(ids.dlq));
    }
  });

  it('reads, for the leavers overdue, the access review item of the applied table and no other item', () => {
    const table = logicalId(stack.hrSync.appliedTable.table);
    expect(variablesOf(template, ids.fn).APPLIED_TABLE).toEqual({ Ref: table });
    const reads = statements.filter((statement) =>
      actionsOf(statement).some((action) => /^dynamodb:(GetItem|BatchGetItem|Query)$/.test(action)),
    );
    expect(reads).toEqual([
      {
        Action: 'dynamodb:GetItem',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [table, 'Arn'] },
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [ACCESS_REVIEW_KEY] } },
      },
    ]);
  });

  it('grants StartMessageMoveTask to no function (it is the operator’s)', () => {
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('StartMessageMoveTask');
  });
});
