import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ContextError } from './context.js';
import { SyncFunction } from './function.js';

export const DEFAULT_REDRIVE_SCHEDULE = 'rate(1 hour)';
export const DEFAULT_MAX_REPLAYS = 3;
/** Messages examined per run: one SendMessage and one DeleteMessage each, well inside the timeout. */
export const REDRIVE_LIMIT = 500;
/**
 * The scheduler function's timeout. A redrive needs well under 2 minutes; the reconcile job on the same
 * function lists whole HR systems (Merge: 100 employees a request, about 100 requests a minute) and
 * paces its users/get calls, so it gets 5; a run that still does not finish is resumed by the next.
 */
export const REDRIVE_TIMEOUT = Duration.minutes(5);

export interface ScheduledRedriveProps {
  entry: string;
  queue: sqs.IQueue;
  deadLetterQueue: sqs.IQueue;
  /** Context `redriveSchedule`: an EventBridge Scheduler expression, `rate(…)` or `cron(…)`. */
  schedule?: string | undefined;
  /** Context `maxReplays`: a message replayed this many times stays in the DLQ for a person. */
  maxReplays?: number | undefined;
  environment: Record<string, string>;
}

/**
 * The scheduler function and its EventBridge schedule: every hour, moves what is safe to retry from
 * the DLQ back to the main queue (lambda/handlers/scheduler.ts). Only this function may receive from
 * and delete on the DLQ, and it may send only to the main queue.
 */
export class ScheduledRedrive extends Construct {
  readonly fn: SyncFunction;
  readonly schedule: scheduler.Schedule;
  /** Where Scheduler puts an invocation it gave up on. */
  readonly failedInvocations: sqs.Queue;
  /** A redrive run that never happened: transient failures stay in the DLQ until someone looks. */
  readonly failedInvocationsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ScheduledRedriveProps) {
    super(scope, id);
    const maxReplays = props.maxReplays ?? DEFAULT_MAX_REPLAYS;
    if (!Number.isInteger(maxReplays) || maxReplays < 1) {
      throw new ContextError(`context: maxReplays must be a whole number of at least 1 (got ${maxReplays})`);
    }
    const expression = props.schedule ?? DEFAULT_REDRIVE_SCHEDULE;
    if (!/^(rate|cron)\(.+\)$/.test(expression)) {
      throw new ContextError(
        `context: redriveSchedule must be an EventBridge Scheduler expression such as rate(1 hour) or cron(0 * * * ? *) (got ${expression})`,
      );
    }

    this.fn = new SyncFunction(this, 'Scheduler', {
      entry: props.entry,
      description:
        'heymarket-hr-sync: move transient failures from the DLQ back to the main queue; reconcile with the HR systems',
      timeout: REDRIVE_TIMEOUT,
      memorySize: 512,
      environment: {
        ...props.environment,
        QUEUE_URL: props.queue.queueUrl,
        DLQ_URL: props.deadLetterQueue.queueUrl,
        MAX_REPLAYS: String(maxReplays),
        REDRIVE_LIMIT: String(REDRIVE_LIMIT),
      },
    });
    props.deadLetterQueue.grantConsumeMessages(this.fn.function);
    props.queue.grantSendMessages(this.fn.function);

    this.failedInvocations = new sqs.Queue(this, 'FailedInvocations', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // Its own role rather than the stack-wide one LambdaInvoke would make, so the finding below is
    // acknowledged on the role it concerns.
    const invokeRole = new iam.Role(this, 'InvokeRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invoke the redrive function, dead-letter a failed invocation',
    });
    const functionId = Stack.of(this).getLogicalId(this.fn.function.node.defaultChild as CfnElement);
    Validations.of(invokeRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        'grantInvoke adds the function ARN with :* so the schedule may invoke any version or alias of this one function; it names no other resource.',
    });
    Validations.of(this.failedInvocations).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is the schedule target's dead-letter queue (Scheduler's DeadLetterConfig, not an SQS redrive policy, so cdk-nag cannot see it); a DLQ of a DLQ would only hide failed invocations further. FailedInvocationsAlarm fires on its first message.",
    });
    this.failedInvocationsAlarm = this.failedInvocations
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' })
      .createAlarm(this, 'FailedInvocationsAlarm', {
        alarmDescription:
          'EventBridge Scheduler gave up invoking the DLQ redrive: check the scheduler function, then replay by hand.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'heymarket-hr-sync: hourly redrive of transient DLQ failures',
      schedule: scheduler.ScheduleExpression.expression(expression),
      // Scheduler's defaults are 185 attempts over 24 h
      // (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html); a missed run is
      // retried by the next.
      target: new targets.LambdaInvoke(this.fn.function, {
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: this.failedInvocations,
        role: invokeRole,
      }),
    });
  }
}
