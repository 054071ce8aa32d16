import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LeaverNotifierEnv, stackEnvironment, type VariableOf } from '../lambda/app/environment.js';
import { ACCESS_REVIEW_KEY } from '../lambda/core/access-review-report.js';
import type { AppliedTable } from './applied-table.js';
import { SyncFunction } from './function.js';
import { alarmOnFirst } from './metric-alarm.js';
import { handlerEntry } from './package-root.js';

export interface LeaverNoticesProps {
  /** The applied table, whose stream carries each write of the access review. */
  appliedTable: AppliedTable;
  /** `accessReview.leaverGraceHours` from the validated config: the notice states it. */
  leaverGraceHours: number;
  /** POWERTOOLS_SERVICE_NAME. */
  serviceName: string;
}

// A stream record is at most one item (400 KB), and an invocation's payload at most 6 MB
// (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html); every record is the same
// item, so after the first the others rarely cost a call.
export const LEAVER_NOTICE_BATCH_SIZE = 10;
// Beside the SDK's own three attempts per Publish: a topic that refuses for this long needs a person.
export const LEAVER_NOTICE_RETRY_ATTEMPTS = 5;
// A Publish with the SDK's three attempts, a GetItem and a conditional UpdateItem, a few times over.
export const LEAVER_NOTIFIER_TIMEOUT = Duration.seconds(30);
// A batch waiting longer than this is a notifier that keeps failing (or is throttled).
const ITERATOR_AGE_ALARM = Duration.minutes(15);

/**
 * The leaver notices of a stack: a small function (lambda/handlers/leaver-notifier.ts) fed by the
 * applied table's stream, filtered to the access review's item, that publishes one notice on the alarm
 * topic for the leavers a write left un-notified and marks them. The reconcile run and the worker only
 * write the review, so neither carries an SNS client. A record that keeps failing goes, after its
 * retries, to its own queue (not the change DLQ: the redrive would move it to the worker), and alarms.
 */
export class LeaverNotices extends Construct {
  readonly fn: SyncFunction;
  /** Where Lambda records a batch whose notice failed every retry (its shard position, not the review). */
  readonly failedRecords: sqs.Queue;
  readonly failedRecordsAlarm: cloudwatch.Alarm;
  /** The function threw or timed out (a bad environment, a crash); a failed notice is failedRecords. */
  readonly errorsAlarm: cloudwatch.Alarm;
  /** Records wait: notices keep failing and are retried, or the function cannot keep up. */
  readonly iteratorAgeAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: LeaverNoticesProps) {
    super(scope, id);
    const { table } = props.appliedTable;
    this.fn = new SyncFunction(this, 'Notifier', {
      entry: handlerEntry('leaver-notifier'),
      description: 'heymarket-hr-sync: tell the alarm topic about leavers who still hold a Heymarket seat',
      timeout: LEAVER_NOTIFIER_TIMEOUT,
      // Rarely invoked, so nearly always cold: more memory is more CPU for the start.
      memorySize: 512,
      // ALARM_TOPIC_ARN comes with publishTo, once the stack has made the topic.
      environment: stackEnvironment<typeof LeaverNotifierEnv, 'POWERTOOLS_SERVICE_NAME'>(LeaverNotifierEnv, {
        APPLIED_TABLE: table.tableName,
        ALARM_TOPIC_ARN: '',
        LEAVER_GRACE_HOURS: String(props.leaverGraceHours),
        STACK_NAME: Stack.of(this).stackName,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
      }),
    });
    const fn = this.fn.function;
    props.appliedTable.grantLeaverNotifier(fn);
    Validations.of(this.fn.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "dynamodb:ListStreams, which the stream event source grants, has no resource-level permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html) and reveals stream ARNs only; reading records (DescribeStream, GetShardIterator, GetRecords) is granted on the applied table's stream alone.",
    });

    this.failedRecords = new sqs.Queue(this, 'FailedRecords', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedRecords).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is the stream event source's on-failure destination (not an SQS redrive policy, so cdk-nag cannot see it); a DLQ of a DLQ would only hide failed notices further. FailedRecordsAlarm fires on its first message.",
    });
    fn.addEventSource(
      new DynamoEventSource(table, {
        // From the oldest record the stream holds: a review written while the mapping was being made
        // is still notified.
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: LEAVER_NOTICE_BATCH_SIZE,
        // The access review's item only: employee and delivery items never invoke the function, and
        // a TTL deletion (REMOVE) has no new image to read.
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.or('INSERT', 'MODIFY'),
            dynamodb: { Keys: { pk: { S: lambda.FilterRule.isEqual(ACCESS_REVIEW_KEY) } } },
          }),
        ],
        retryAttempts: LEAVER_NOTICE_RETRY_ATTEMPTS,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.failedRecords),
        // One batch at a time per shard, in order: two notifiers never race to name the same leaver.
        parallelizationFactor: 1,
      }),
    );

    this.failedRecordsAlarm = alarmOnFirst(
      this,
      'FailedRecordsAlarm',
      this.failedRecords.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      'A leaver notice could not be published after every retry: the leavers stay un-notified and are named by the notice after the next write of the access review (the next reconcile run at the latest). Read the leaver notifier log ("leaver notice failed", by code); check the alarm topic and the function\'s sns:Publish grant. Until then, "hr-sync access-review --stack" lists them.',
    );
    this.errorsAlarm = fn
      .metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM })
      .createAlarm(this, 'ErrorsAlarm', {
        alarmDescription:
          'The leaver notifier function failed invocations (threw or timed out): read its log group. Its stream records are retried, then recorded in its failed-records queue.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.iteratorAgeAlarm = fn
      .metric('IteratorAge', { period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM })
      .createAlarm(this, 'IteratorAgeAlarm', {
        alarmDescription: `Leaver notices wait: the oldest access review write not yet handled is over ${ITERATOR_AGE_ALARM.toMinutes()} minutes old. Read the leaver notifier log ("leaver notice failed").`,
        threshold: ITERATOR_AGE_ALARM.toMilliseconds(),
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
  }

  /** Every alarm of the notices, for the stack's topic. */
  get alarms(): cloudwatch.Alarm[] {
    return [this.failedRecordsAlarm, this.errorsAlarm, this.iteratorAgeAlarm];
  }

  /**
   * Notices go to the stack's alarm topic, made after this because it collects these alarms: its ARN,
   * and `sns:Publish` on that topic only (with its key's `kms:GenerateDataKey*` and `kms:Decrypt`,
   * should the topic ever be encrypted).
   */
  publishTo(topic: sns.ITopic): void {
    const variable: VariableOf<typeof LeaverNotifierEnv> = 'ALARM_TOPIC_ARN';
    this.fn.function.addEnvironment(variable, topic.topicArn);
    topic.grantPublish(this.fn.function);
  }
}
