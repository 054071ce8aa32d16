import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface SyncQueuesProps {
  /** The queues are `<namePrefix>-changes` and `<namePrefix>-changes-dlq`. */
  namePrefix: string;
  /** The worker's timeout and batching window: the main queue's visibility timeout derives from them. */
  workerTimeout: Duration;
  maxBatchingWindow: Duration;
  /** Alarm when the oldest change has waited this long (Heymarket down, or the worker failing). */
  oldestMessageAlarmAge?: Duration;
}

/**
 * Receives before a change goes to the DLQ (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html:
 * at least 5, so a few throttled receives do not dead-letter it).
 */
export const MAX_RECEIVE_COUNT = 5;

/**
 * The main queue between receiver and worker, its DLQ, and the two alarms an operator needs.
 * SQS-managed SSE (SSE-SQS): encryption at rest with no KMS key to pay for, rotate or grant; a customer
 * managed key would only add value with key policies scoped to other principals, and we have none.
 */
export class SyncQueues extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly dlqAlarm: cloudwatch.Alarm;
  readonly oldestMessageAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SyncQueuesProps) {
    super(scope, id);

    // Named, so the DLQ can name the main queue as its only source by ARN: `queue.queueArn` would be a
    // GetAtt, and the main queue already refers to the DLQ's ARN, which CloudFormation rejects as a cycle.
    const stack = Stack.of(this);
    const queueName = `${props.namePrefix}-changes`;
    const deadLetterQueueName = `${queueName}-dlq`;
    if (deadLetterQueueName.length > 80) {
      throw new Error(
        `name prefix ${props.namePrefix} is too long: SQS queue names are limited to 80 characters`,
      );
    }
    const queueArn = stack.formatArn({
      service: 'sqs',
      resource: queueName,
      arnFormat: ArnFormat.NO_RESOURCE_NAME,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      queueName: deadLetterQueueName,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The maximum: an operator has two weeks to read the reason and redrive.
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS: at least 6 × the function timeout plus the batching window, so a message is not
      // redelivered while a throttled or retrying invocation still holds it
      // (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).
      visibilityTimeout: Duration.seconds(
        6 * props.workerTimeout.toSeconds() + props.maxBatchingWindow.toSeconds(),
      ),
      // Shorter than the DLQ's: a message keeps its original enqueue time when it moves to the DLQ, so
      // the DLQ must keep it longer or an old change would expire there on arrival.
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    // Only our main queue may use this queue as its DLQ (set on the L1: the L2 takes queues, not ARNs).
    (this.deadLetterQueue.node.defaultChild as sqs.CfnQueue).redriveAllowPolicy = {
      redrivePermission: sqs.RedrivePermission.BY_QUEUE,
      sourceQueueArns: [queueArn],
    };

    // Visible, not NumberOfMessagesSent: messages SQS moves here after 5 receives are not counted as
    // sent (only the worker's own SendMessage is); "visible ≥ 1" means "someone has to look"
    // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html#sqs-dlq-number-of-messages).
    this.dlqAlarm = this.deadLetterQueue
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' })
      .createAlarm(this, 'DeadLetterAlarm', {
        alarmDescription: 'A change could not be applied to Heymarket: read its reason in the DLQ.',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });

    const age = props.oldestMessageAlarmAge ?? Duration.minutes(15);
    this.oldestMessageAlarm = this.queue
      .metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' })
      .createAlarm(this, 'OldestMessageAlarm', {
        alarmDescription: `A change has waited over ${age.toMinutes()} minutes: Heymarket or the worker is failing.`,
        threshold: age.toSeconds(),
        // Three minutes in a row: one slow retry cycle should not page anyone.
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
  }
}
