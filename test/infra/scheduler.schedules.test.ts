import { describe, expect, it } from 'vitest';
import type { HeymarketHrSync } from '../../infra/heymarket-hr-sync.js';
import { DEFAULT_RECONCILE_SCHEDULE } from '../../infra/scheduled-reconcile.js';
import { DEFAULT_REDRIVE_SCHEDULE } from '../../infra/scheduled-redrive.js';
import { logicalId, resourceProps, synthStack } from './synth-template.js';

// The reconcile and the redrive are two schedules on the one scheduler function, built by one
// construct (infra/scheduled-job.ts): the same rules hold for both.
const { stack, template } = synthStack();
const JOBS = [
  {
    job: 'reconcile',
    other: 'redrive',
    every: 'once a day',
    expression: 'rate(1 day)',
    fallback: DEFAULT_RECONCILE_SCHEDULE,
    input: { job: 'reconcile' },
    withInput: 'with {"job":"reconcile"}',
    contextKey: 'reconcileSchedule',
    custom: 'cron(0 3 * * ? *)',
    invalid: 'daily',
  },
  {
    job: 'redrive',
    other: 'reconcile',
    every: 'every hour',
    expression: 'rate(1 hour)',
    fallback: DEFAULT_REDRIVE_SCHEDULE,
    input: undefined,
    withInput: 'with no input (the function’s default job)',
    contextKey: 'redriveSchedule',
    custom: 'rate(6 hours)',
    invalid: 'hourly',
  },
] as const;

describe.each(JOBS)('the scheduled $job', (job) => {
  const scheduleProps = (sync: HeymarketHrSync, from = template) =>
    resourceProps(from, logicalId(sync[job.job].schedule));
  const fn = logicalId(stack.hrSync.redrive.fn.function);
  const failed = logicalId(stack.hrSync[job.job].failedInvocations);
  const topic = logicalId(stack.hrSync.operatorAlarms.topic);

  it(`invokes the scheduler function ${job.every} by default, ${job.withInput}`, () => {
    expect(template.findResources('AWS::Scheduler::Schedule')).toHaveProperty([
      logicalId(stack.hrSync[job.job].schedule),
    ]);
    expect(Object.keys(template.findResources('AWS::Scheduler::Schedule'))).toHaveLength(JOBS.length);
    const props = scheduleProps(stack.hrSync) as {
      ScheduleExpression: string;
      Target: Record<string, unknown>;
    };
    expect(props.ScheduleExpression).toBe(job.fallback);
    expect(job.fallback).toBe(job.expression);
    expect(props.Target.Arn).toEqual({ 'Fn::GetAtt': [fn, 'Arn'] });
    if (job.input === undefined) expect(props.Target.Input).toBeUndefined();
    else expect(JSON.parse(props.Target.Input as string)).toEqual(job.input);
  });

  it('retries a failed invocation 3 times within an hour, then puts it in its own encrypted DLQ', () => {
    const target = (scheduleProps(stack.hrSync) as { Target: Record<string, unknown> }).Target;
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 });
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [failed, 'Arn'] } });
    expect(failed).not.toBe(logicalId(stack.hrSync[job.other].failedInvocations));
    expect(resourceProps(template, failed).SqsManagedSseEnabled).toBe(true);
  });

  it('alarms to the alarm topic on the first invocation Scheduler gave up on', () => {
    const alarm = resourceProps(template, logicalId(stack.hrSync[job.job].failedInvocationsAlarm));
    expect(alarm).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [failed, 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
    expect(alarm.OKActions).toEqual([{ Ref: topic }]);
  });

  it(`takes the schedule from context ${job.contextKey}`, () => {
    const custom = synthStack({}, { [job.contextKey]: job.custom });
    const props = scheduleProps(custom.stack.hrSync, custom.template) as { ScheduleExpression: string };
    expect(props.ScheduleExpression).toBe(job.custom);
  });

  it('refuses a schedule that is not a rate or cron expression, naming the context key', () => {
    expect(() => synthStack({}, { [job.contextKey]: job.invalid })).toThrow(
      new RegExp(`${job.contextKey} must be an EventBridge Scheduler expression .*\\(got ${job.invalid}\\)`),
    );
  });
});
