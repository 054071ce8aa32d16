import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_REPLAYS, REDRIVE_LIMIT } from '../../infra/scheduled-redrive.js';
import {
  actionsOf,
  logicalId,
  policyStatements,
  resourceProps,
  type Statement,
  synthStack,
} from './synth-template.js';

const { stack, template } = synthStack();
const ids = {
  queue: logicalId(stack.hrSync.queues.queue),
  dlq: logicalId(stack.hrSync.queues.deadLetterQueue),
  fn: logicalId(stack.hrSync.redrive.fn.function),
  role: logicalId(stack.hrSync.redrive.fn.role),
  failed: logicalId(stack.hrSync.redrive.failedInvocations),
};
const statements = policyStatements(template, ids.role);
const grantsOf = (list: Statement[], action: string) =>
  list
    .filter((statement) => statement.Effect === 'Allow' && actionsOf(statement).includes(action))
    .map((statement) => JSON.stringify(statement.Resource));
const arnOf = (id: string) => JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] });

describe('the scheduled redrive', () => {
  // The redrive's schedule sends no input (the function's default job); the reconcile's names its job.
  const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule')).filter(
    (resource) => resource.Properties.Target.Input === undefined,
  );

  it('invokes the scheduler function every hour by default', () => {
    expect(schedule).toHaveLength(1);
    const props = schedule[0]?.Properties;
    expect(props.ScheduleExpression).toBe('rate(1 hour)');
    expect(props.Target.Arn).toEqual({ 'Fn::GetAtt': [ids.fn, 'Arn'] });
  });

  it('retries a failed invocation 3 times within an hour, then puts it in its own DLQ', () => {
    const target = schedule[0]?.Properties.Target;
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 });
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [ids.failed, 'Arn'] } });
    expect(resourceProps(template, ids.failed).SqsManagedSseEnabled).toBe(true);
  });

  it('tells the function the queues, the replay limit and the per-run cap', () => {
    const variables = (resourceProps(template, ids.fn).Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(variables).toMatchObject({
      QUEUE_URL: { Ref: ids.queue },
      DLQ_URL: { Ref: ids.dlq },
      MAX_REPLAYS: String(DEFAULT_MAX_REPLAYS),
      REDRIVE_LIMIT: String(REDRIVE_LIMIT),
    });
  });

  it('takes the schedule and the replay limit from context', () => {
    const custom = synthStack({}, { redriveSchedule: 'rate(6 hours)', maxReplays: '5' });
    const props = Object.values(custom.template.findResources('AWS::Scheduler::Schedule')).find(
      (resource) => resource.Properties.Target.Input === undefined,
    )?.Properties;
    expect(props.ScheduleExpression).toBe('rate(6 hours)');
    const fn = resourceProps(custom.template, logicalId(custom.stack.hrSync.redrive.fn.function));
    expect((fn.Environment as { Variables: Record<string, unknown> }).Variables.MAX_REPLAYS).toBe('5');
  });

  it('refuses a schedule that is not a rate or cron expression', () => {
    expect(() => synthStack({}, { redriveSchedule: 'hourly' })).toThrow(/redriveSchedule must be/);
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

  it('grants StartMessageMoveTask to no function (it is the operator’s)', () => {
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('StartMessageMoveTask');
  });
});
