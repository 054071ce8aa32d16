import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ReconcileEnv, RedriveEnv, StackEnvironment } from '../lambda/app/environment.js';
import { ACCESS_REVIEW_KEY } from '../lambda/core/access-review-report.js';
import { RECONCILE_STATE_KEY } from '../lambda/core/reconcile-progress.js';
import { SERVICE_NAME } from '../lambda/observability/service-name.js';
import { addAccessReviewAlarms } from './access-review-alarms.js';
import type { SyncFunction } from './function.js';
import { alarmOnFirst, ownMetric } from './metric-alarm.js';
import { addScheduledJob, checkSchedule, type ScheduledJob } from './scheduled-job.js';

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
 * The daily reconcile (lambda/service/reconcile-run.ts): EventBridge Scheduler invokes the scheduler
 * function with `{"job":"reconcile"}`; it lists every employee of each enabled HR system, compares
 * them with Heymarket (`users/get`) and enqueues what differs on the main queue. Alarms when a run went
 * over the cap, when a provider could not be listed, and when Scheduler gave up invoking it.
 */
export class ScheduledReconcile extends Construct implements ScheduledJob {
  readonly schedule: scheduler.Schedule;
  readonly failedInvocations: sqs.Queue;
  readonly failedInvocationsAlarm: cloudwatch.Alarm;
  /** A run found more differences than `reconcile.maxChanges` and enqueued nothing. */
  readonly capExceededAlarm: cloudwatch.Alarm;
  /** A run could not list a provider (credentials, HR API down) or look users up. */
  readonly failuresAlarm: cloudwatch.Alarm;
  /** A leaver has held a Heymarket seat longer than accessReview.leaverGraceHours (infra/access-review-alarms.ts). */
  readonly leaversOverdueAlarm: cloudwatch.Alarm;
  /** The last run could not renew the access review: the stored one is marked stale. */
  readonly reviewStaleAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ScheduledReconcileProps) {
    super(scope, id);
    const expression = checkSchedule({
      contextKey: 'reconcileSchedule',
      given: props.schedule,
      fallback: DEFAULT_RECONCILE_SCHEDULE,
      cronExample: 'cron(0 3 * * ? *)',
    });
    const fn = props.fn.function;
    // What the reconcile job reads beyond what the redrive already set on the shared function.
    const environment: Omit<
      StackEnvironment<typeof ReconcileEnv>,
      keyof StackEnvironment<typeof RedriveEnv, 'POWERTOOLS_SERVICE_NAME'>
    > = {
      HR_SYNC_CONFIG: props.configJson,
      HEYMARKET_SECRET_ARN: props.heymarketSecret.secretArn,
      HEYMARKET_BASE_URL: props.heymarketBaseUrl,
      HRIS_SECRET_ARN: props.hrisSecret.secretArn,
      APPLIED_TABLE: props.table.tableName,
    };
    for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
    // Lists from the HR systems (their credentials) and looks users up in Heymarket (users/get); it
    // enqueues through the main queue, which the redrive already sends to.
    props.heymarketSecret.grantRead(fn);
    props.hrisSecret.grantRead(fn);
    props.queue.grantSendMessages(fn);
    // Its saved run and the latest access review are two items of the applied table: UpdateItem on
    // those keys (GetItem on the review's, read back for each finding's first sighting, and by each
    // hourly redrive for the leavers overdue) and on no employee's.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [props.table.tableArn],
        conditions: {
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [RECONCILE_STATE_KEY, ACCESS_REVIEW_KEY] },
        },
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [ACCESS_REVIEW_KEY] } },
      }),
    );
    // The access review reads which Heymarket user each employee was resolved to: a Scan of the key
    // and `userId` only (lambda/aws/remembered-users.ts), never names, emails or applied fields.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Scan'],
        resources: [props.table.tableArn],
        conditions: {
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'userId'] },
          StringEquals: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
        },
      }),
    );

    const job = addScheduledJob(this, {
      fn,
      expression,
      input: RECONCILE_INPUT,
      job: 'the reconcile job',
      scheduleDescription: 'heymarket-hr-sync: reconcile Heymarket users with the HR systems',
      failedInvocationsAlarmDescription:
        'EventBridge Scheduler gave up invoking the reconcile job: check the scheduler function, then run "hr-sync reconcile --stack" by hand.',
    });
    this.schedule = job.schedule;
    this.failedInvocations = job.failedInvocations;
    this.failedInvocationsAlarm = job.failedInvocationsAlarm;
    // A run emits its counts once, when it is complete: an hour's sum sees it, and the alarm returns to
    // OK the next hour rather than staying raised until the next day's run.
    this.capExceededAlarm = alarmOnFirst(
      this,
      'CapExceededAlarm',
      ownMetric('ReconcileCapExceeded', props.serviceName ?? SERVICE_NAME, 'Sum'),
      'A reconcile run found more users differing from the HR system than reconcile.maxChanges and enqueued nothing: check the mapping with "hr-sync reconcile --dry-run", then raise the cap or run it once with --max-changes.',
    );
    this.failuresAlarm = alarmOnFirst(
      this,
      'FailuresAlarm',
      ownMetric('ReconcileFailures', props.serviceName ?? SERVICE_NAME, 'Sum'),
      'A reconcile run could not list an HR system or look users up in Heymarket: its employees were not compared. Read the scheduler log ("reconcile provider failed") and run "hr-sync secrets check".',
    );
    const review = addAccessReviewAlarms(this, props.serviceName ?? SERVICE_NAME);
    this.leaversOverdueAlarm = review.leaversOverdueAlarm;
    this.reviewStaleAlarm = review.reviewStaleAlarm;
  }
}
