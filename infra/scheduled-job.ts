import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ContextError } from './context.js';
import { alarmOnFirst } from './metric-alarm.js';

/**
 * The context value of a schedule, or its default, refused at synth unless it is an EventBridge
 * Scheduler expression (`rate(…)` or `cron(…)`): Scheduler itself would only refuse it at deploy.
 */
export function checkSchedule(options: {
  contextKey: 'reconcileSchedule' | 'redriveSchedule';
  given: string | undefined;
  fallback: string;
  /** A cron expression for the error message, beside the fallback. */
  cronExample: string;
}): string {
  const expression = options.given ?? options.fallback;
  if (!/^(rate|cron)\(.+\)$/.test(expression)) {
    throw new ContextError(
      `context: ${options.contextKey} must be an EventBridge Scheduler expression such as ${options.fallback} or ${options.cronExample} (got ${expression})`,
    );
  }
  return expression;
}

export interface ScheduledJobProps {
  /** The function the schedule invokes. */
  fn: lambda.IFunction;
  /** Checked by checkSchedule. */
  expression: string;
  /** What the schedule hands the function; none runs the function's default job. */
  input?: Record<string, unknown> | undefined;
  /** For the invoke role's description: `the reconcile job`. */
  job: string;
  scheduleDescription: string;
  /** What an operator does when Scheduler gave up invoking the job. */
  failedInvocationsAlarmDescription: string;
}

/** What addScheduledJob built. */
export interface ScheduledJob {
  readonly schedule: scheduler.Schedule;
  /** Where Scheduler puts an invocation it gave up on. */
  readonly failedInvocations: sqs.Queue;
  /** A run that never happened: alarms on the first failed invocation. */
  readonly failedInvocationsAlarm: cloudwatch.Alarm;
}

/**
 * An EventBridge schedule that invokes `fn`, with its own invoke role, the dead-letter queue of the
 * invocations it gave up on and an alarm on that queue. Built straight into `scope` (ids
 * `FailedInvocations`, `InvokeRole`, `FailedInvocationsAlarm`, `Schedule`), not in a construct of
 * its own, so the reconcile's and the redrive's resources keep their logical ids.
 */
export function addScheduledJob(scope: Construct, props: ScheduledJobProps): ScheduledJob {
  const failedInvocations = new sqs.Queue(scope, 'FailedInvocations', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  // Its own role rather than the stack-wide one LambdaInvoke would make, so the finding below is
  // acknowledged on the role it concerns.
  const invokeRole = new iam.Role(scope, 'InvokeRole', {
    assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
    description: `EventBridge Scheduler: invoke ${props.job}, dead-letter a failed invocation`,
  });
  const functionId = Stack.of(scope).getLogicalId(props.fn.node.defaultChild as CfnElement);
  Validations.of(invokeRole).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
    reason:
      'grantInvoke adds the function ARN with :* so the schedule may invoke any version or alias of this one function; it names no other resource.',
  });
  Validations.of(failedInvocations).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      "This queue is the schedule target's dead-letter queue (Scheduler's DeadLetterConfig, not an SQS redrive policy, so cdk-nag cannot see it); a DLQ of a DLQ would only hide failed invocations further. FailedInvocationsAlarm fires on its first message.",
  });
  const failedInvocationsAlarm = alarmOnFirst(
    scope,
    'FailedInvocationsAlarm',
    failedInvocations.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Maximum',
    }),
    props.failedInvocationsAlarmDescription,
  );
  const schedule = new scheduler.Schedule(scope, 'Schedule', {
    description: props.scheduleDescription,
    schedule: scheduler.ScheduleExpression.expression(props.expression),
    // Scheduler's defaults are 185 attempts over 24 h
    // (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html); a missed run is
    // caught up by the next.
    target: new targets.LambdaInvoke(props.fn, {
      input: props.input && scheduler.ScheduleTargetInput.fromObject(props.input),
      retryAttempts: 3,
      maxEventAge: Duration.hours(1),
      deadLetterQueue: failedInvocations,
      role: invokeRole,
    }),
  });
  return { schedule, failedInvocations, failedInvocationsAlarm };
}
