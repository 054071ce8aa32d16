import { describe, expect, it } from 'vitest';
import { DEFAULT_RECONCILE_SCHEDULE } from '../../infra/scheduled-reconcile.js';
import { RECONCILE_STATE_KEY } from '../../lambda/core/reconcile.js';
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
  failed: logicalId(stack.hrSync.reconcile.failedInvocations),
  table: logicalId(stack.hrSync.appliedTable.table),
  topic: logicalId(stack.hrSync.operatorAlarms.topic),
};
const statements = policyStatements(template, ids.role);
const allowing = (action: string) =>
  statements.filter((statement) => statement.Effect === 'Allow' && actionsOf(statement).includes(action));
const resourcesOf = (list: Statement[]) => list.map((statement) => JSON.stringify(statement.Resource));
const reconcileSchedules = () =>
  Object.values(template.findResources('AWS::Scheduler::Schedule')).filter(
    (resource) => resource.Properties.Target.Input !== undefined,
  );

describe('the scheduled reconcile', () => {
  it('invokes the scheduler function once a day with {"job":"reconcile"}', () => {
    const schedules = reconcileSchedules();
    expect(schedules).toHaveLength(1);
    const props = schedules[0]?.Properties;
    expect(props.ScheduleExpression).toBe(DEFAULT_RECONCILE_SCHEDULE);
    expect(DEFAULT_RECONCILE_SCHEDULE).toBe('rate(1 day)');
    expect(props.Target.Arn).toEqual({ 'Fn::GetAtt': [ids.fn, 'Arn'] });
    expect(JSON.parse(props.Target.Input)).toEqual({ job: 'reconcile' });
  });

  it('retries a failed invocation 3 times within an hour, then puts it in its own encrypted DLQ', () => {
    const target = reconcileSchedules()[0]?.Properties.Target;
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 });
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [ids.failed, 'Arn'] } });
    expect(ids.failed).not.toBe(logicalId(stack.hrSync.redrive.failedInvocations));
    expect(resourceProps(template, ids.failed).SqsManagedSseEnabled).toBe(true);
  });

  it('alarms to the alarm topic when Scheduler gave up, when a run went over the cap and when a provider failed', () => {
    const failed = resourceProps(template, logicalId(stack.hrSync.reconcile.failedInvocationsAlarm));
    expect(failed).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.failed, 'QueueName'] } }],
      Threshold: 1,
    });
    for (const [alarm, metric] of [
      [stack.hrSync.reconcile.capExceededAlarm, 'ReconcileCapExceeded'],
      [stack.hrSync.reconcile.failuresAlarm, 'ReconcileFailures'],
    ] as const) {
      expect(resourceProps(template, logicalId(alarm))).toMatchObject({
        Namespace: 'HeymarketHrSync',
        MetricName: metric,
        Dimensions: [{ Name: 'service', Value: 'heymarket-hr-sync' }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
    for (const alarm of [
      stack.hrSync.reconcile.failedInvocationsAlarm,
      stack.hrSync.reconcile.capExceededAlarm,
      stack.hrSync.reconcile.failuresAlarm,
    ]) {
      const props = resourceProps(template, logicalId(alarm));
      expect(props.AlarmActions).toEqual([{ Ref: ids.topic }]);
      expect(props.OKActions).toEqual([{ Ref: ids.topic }]);
    }
  });

  it('takes the schedule from context and refuses one that is not a rate or cron expression', () => {
    const custom = synthStack({}, { reconcileSchedule: 'cron(0 3 * * ? *)' });
    const props = Object.values(custom.template.findResources('AWS::Scheduler::Schedule')).find(
      (resource) => resource.Properties.Target.Input !== undefined,
    )?.Properties;
    expect(props.ScheduleExpression).toBe('cron(0 3 * * ? *)');
    expect(() => synthStack({}, { reconcileSchedule: 'daily' })).toThrow(/reconcileSchedule must be/);
  });

  it('tells the function the config, both secrets it reads, the Heymarket URL and the table', () => {
    const variables = (resourceProps(template, ids.fn).Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(variables).toMatchObject({
      QUEUE_URL: { Ref: ids.queue },
      HEYMARKET_SECRET_ARN: { Ref: logicalId(stack.hrSync.heymarketSecret) },
      HRIS_SECRET_ARN: { Ref: logicalId(stack.hrSync.hrisSecret) },
      HEYMARKET_BASE_URL: 'https://api.heymarket.com',
      APPLIED_TABLE: { Ref: ids.table },
    });
    expect(typeof variables.HR_SYNC_CONFIG).toBe('string');
    expect(variables).not.toHaveProperty('WEBHOOK_SECRET_ARN');
  });

  it('lets the function read the Heymarket and HR API secrets only, send only to the main queue, and update only its own table item', () => {
    expect(resourcesOf(allowing('secretsmanager:GetSecretValue')).sort()).toEqual(
      [
        JSON.stringify({ Ref: logicalId(stack.hrSync.heymarketSecret) }),
        JSON.stringify({ Ref: logicalId(stack.hrSync.hrisSecret) }),
      ].sort(),
    );
    expect(resourcesOf(allowing('sqs:SendMessage'))).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [ids.queue, 'Arn'] }),
    ]);
    const dynamodb = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
    );
    expect(dynamodb).toEqual([
      {
        Action: 'dynamodb:UpdateItem',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [ids.table, 'Arn'] },
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [RECONCILE_STATE_KEY] } },
      },
    ]);
    expect(JSON.stringify(statements)).not.toContain(logicalId(stack.hrSync.webhookSecret));
    for (const statement of statements) {
      expect(statement.Resource).not.toBe('*');
      for (const action of actionsOf(statement)) expect(action).not.toContain('*');
    }
  });
});
