import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RECONCILE_STATE_KEY } from '../lambda/core/reconcile.js';
import { type CountName, METRICS_NAMESPACE } from '../lambda/observability/metrics.js';
import { SERVICE_NAME } from '../lambda/observability/service-name.js';
import { ContextError } from './context.js';
import type { SyncFunction } from './function.js';

export const DEFAULT_RECONCILE_SCHEDULE = 'rate(1 day)';
/** What the schedule hands the scheduler function (lambda/core/scheduler-job.ts). */
export const RECONCILE_INPUT = { job: 'reconcile' } as const;

export interface ScheduledReconcileProps {
  /** The scheduler function, shared with the redrive: one bundle, two schedules. */
  fn: SyncFunction;
  queue: sqs.IQueue;
  table: dynamodb.ITable;
  heymarketSecret: secretsmanager.ISecret;
  hrisSecret: secretsmanager.ISecret;
  heymarketBaseUrl: string;
  /** `HR_SYNC_CONFIG`, validated at synth time. */
  configJson: string;
  /** Context `reconcileSchedule`: an EventBridge Scheduler expression, `rate(…)` or `cron(…)`. */
  schedule?: string | undefined;
  /** The metrics' `service` dimension; default heymarket-hr-sync. */
  serviceName?: string;
}

/**
 * The daily reconcile (lambda/service/reconcile.ts): EventBridge Scheduler invokes the scheduler
 * function with `{"job":"reconcile"}`; it lists every employee of each enabled HR system, compares
 * them with Heymarket (`users/get`) and enqueues what differs on the main queue. Alarms when a run went
 * over the cap, when a provider could not be listed, and when Scheduler gave up invoking it.
 */
export class ScheduledReconcile extends Construct {
  readonly schedule: scheduler.Schedule;
  readonly failedInvocations: sqs.Queue;
  readonly failedInvocationsAlarm: cloudwatch.Alarm;
  /** A run found more differences than `reconcile.maxChanges` and enqueued nothing. */
  readonly capExceededAlarm: cloudwatch.Alarm;
  /** A run could not list a provider (credentials, HR API down) or look users up. */
  readonly failuresAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ScheduledReconcileProps) {
    super(scope, id);
    const expression = props.schedule ?? DEFAULT_RECONCILE_SCHEDULE;
    if (!/^(rate|cron)\(.+\)$/.test(expression)) {
      throw new ContextError(
        `context: reconcileSchedule must be an EventBridge Scheduler expression such as rate(1 day) or cron(0 3 * * ? *) (got ${expression})`,
      );
    }
    const fn = props.fn.function;
    fn.addEnvironment('HR_SYNC_CONFIG', props.configJson);
    fn.addEnvironment('HEYMARKET_SECRET_ARN', props.heymarketSecret.secretArn);
    fn.addEnvironment('HEYMARKET_BASE_URL', props.heymarketBaseUrl);
    fn.addEnvironment('HRIS_SECRET_ARN', props.hrisSecret.secretArn);
    fn.addEnvironment('APPLIED_TABLE', props.table.tableName);
    // Lists from the HR systems (their credentials) and looks users up in Heymarket (users/get); it
    // enqueues through the main queue, which the redrive already sends to.
    props.heymarketSecret.grantRead(fn);
    props.hrisSecret.grantRead(fn);
    props.queue.grantSendMessages(fn);
    // Its saved run is one item of the applied table: UpdateItem on that key and on no employee's.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [RECONCILE_STATE_KEY] } },
      }),
    );

    this.failedInvocations = new sqs.Queue(this, 'FailedInvocations', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const invokeRole = new iam.Role(this, 'InvokeRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invoke the reconcile job, dead-letter a failed invocation',
    });
    const functionId = Stack.of(this).getLogicalId(fn.node.defaultChild as CfnElement);
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
    const alarmOn = (alarmId: string, metric: cloudwatch.Metric, description: string) =>
      metric.createAlarm(this, alarmId, {
        alarmDescription: description,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.failedInvocationsAlarm = alarmOn(
      'FailedInvocationsAlarm',
      this.failedInvocations.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      'EventBridge Scheduler gave up invoking the reconcile job: check the scheduler function, then run "hr-sync reconcile --stack" by hand.',
    );
    // A run emits its counts once, when it is complete: an hour's sum sees it, and the alarm returns to
    // OK the next hour rather than staying raised until the next day's run.
    this.capExceededAlarm = alarmOn(
      'CapExceededAlarm',
      ownCount('ReconcileCapExceeded', props.serviceName ?? SERVICE_NAME),
      'A reconcile run found more users differing from the HR system than reconcile.maxChanges and enqueued nothing: check the mapping with "hr-sync reconcile --dry-run", then raise the cap or run it once with --max-changes.',
    );
    this.failuresAlarm = alarmOn(
      'FailuresAlarm',
      ownCount('ReconcileFailures', props.serviceName ?? SERVICE_NAME),
      'A reconcile run could not list an HR system or look users up in Heymarket: its employees were not compared. Read the scheduler log ("reconcile provider failed") and run "hr-sync secrets check".',
    );

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'heymarket-hr-sync: reconcile Heymarket users with the HR systems',
      schedule: scheduler.ScheduleExpression.expression(expression),
      // Scheduler's defaults are 185 attempts over 24 h
      // (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html); a missed run is
      // caught up by the next.
      target: new targets.LambdaInvoke(fn, {
        input: scheduler.ScheduleTargetInput.fromObject(RECONCILE_INPUT),
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: this.failedInvocations,
        role: invokeRole,
      }),
    });
  }
}

function ownCount(name: CountName, service: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service },
    statistic: cloudwatch.Stats.SUM,
    period: Duration.hours(1),
  });
}
