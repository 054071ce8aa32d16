import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../lambda/observability/metrics.js';
import { SERVICE_NAME } from '../lambda/observability/service-name.js';
import { UNUSABLE_CODES } from '../lambda/providers/index.js';

export interface OperatorAlarmsProps {
  worker: lambda.IFunction;
  /** The webhook API's stage: its 5XXError counts the receiver's own 5xx and its crashes (502/504). */
  stage: apigateway.Stage;
  /** Alarms made beside what they watch (queues, scheduler) that must reach the same topic. */
  alarms: cloudwatch.Alarm[];
  /** Context `alarmEmail` (validated in context.ts): subscribed to the topic when given. */
  alarmEmail?: string | undefined;
  /** The metrics' `service` dimension; default heymarket-hr-sync. */
  serviceName?: string;
}

// Five-minute sums, two bad periods out of three: a blip the sender's retry or SQS's redelivery
// absorbs does not page anyone; a failure that lasts ten minutes does.
const PERIOD = Duration.minutes(5);
const ANY_IN_TWO_OF_THREE = {
  threshold: 1,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
} as const;

/**
 * The two function alarms and the one SNS topic every alarm of the stack notifies, on ALARM and on
 * OK (so a mailbox also learns that it is over).
 *
 * The topic is TLS-only but not KMS-encrypted: CloudWatch cannot publish to a topic under the
 * AWS-managed `aws/sns` key (its key policy cannot grant `cloudwatch.amazonaws.com` the key), so
 * encryption would take a customer-managed key (a monthly charge, a key policy and rotation). Alarm
 * messages hold alarm names, states and counts only (metrics carry no id, name or email); the leaver
 * notices the leaver notifier publishes (lambda/aws/leaver-notifier.ts) name people, as the e-mail they
 * become does, and reach SNS over TLS only (the topic refuses anything else).
 */
export class OperatorAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly workerErrorsAlarm: cloudwatch.Alarm;
  readonly receiverServerErrorsAlarm: cloudwatch.Alarm;
  readonly unusableEventsAlarm: cloudwatch.Alarm;
  /** Every alarm routed to the topic, the ones passed in first. */
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const service = props.serviceName ?? SERVICE_NAME;

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `${service} alarms`,
      enforceSSL: true,
    });
    // The SSL policy replaces the topic's default access policy, which is what let CloudWatch publish:
    // allow this account's alarms again, and nothing else.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowAlarmsOfThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    // Errors are invocations that threw or timed out: the whole batch comes back from SQS. Items the
    // worker reports as failed (batchItemFailures) are not errors; they show as ChangesRetried.
    this.workerErrorsAlarm = props.worker
      .metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM })
      .createAlarm(this, 'WorkerErrorsAlarm', {
        alarmDescription:
          'The worker function failed invocations (threw or timed out) in two of three 5-minute periods: read its log group.',
        ...ANY_IN_TWO_OF_THREE,
      });

    // A 5xx is our failure (queue or secret unavailable, a crash, a timeout) and the sender retries,
    // but not for long: Merge retries twice (https://help.merge.dev/en/articles/5720975-if-my-webhook-fails-will-it-retry),
    // BambooHR five times (documentation.bamboohr.com, "Webhook Retries").
    this.receiverServerErrorsAlarm = props.stage
      .metricServerError({ period: PERIOD, statistic: cloudwatch.Stats.SUM })
      .createAlarm(this, 'ReceiverServerErrorsAlarm', {
        alarmDescription:
          'The webhook endpoint answered 5xx in two of three 5-minute periods: HR systems give up after a few retries. Read the receiver log group.',
        ...ANY_IN_TWO_OF_THREE,
      });

    // A verified event about an employee that could not be used (lambda/providers/provider.ts,
    // UNUSABLE_CODES): it was answered 200, so the sender will not send it again. One is worth a look.
    // The count is split by reason, one metric each; alarms cannot search, so the closed set is summed.
    const unusable = Object.fromEntries(
      UNUSABLE_CODES.map((reason, index) => [
        `m${index}`,
        new cloudwatch.Metric({
          namespace: METRICS_NAMESPACE,
          metricName: 'EventsUnusable',
          dimensionsMap: { service, reason },
          statistic: cloudwatch.Stats.SUM,
          period: PERIOD,
        }),
      ]),
    );
    this.unusableEventsAlarm = new cloudwatch.MathExpression({
      expression: Object.keys(unusable)
        .map((name) => `FILL(${name}, 0)`)
        .join(' + '),
      usingMetrics: unusable,
      period: PERIOD,
      label: 'EventsUnusable',
    }).createAlarm(this, 'UnusableEventsAlarm', {
      alarmDescription:
        'The receiver acknowledged an HR event about an employee that it could not use (such as a Personio employment event naming no person): the change waits for the daily reconcile. Read the receiver log ("delivery ignored", by code) and run "hr-sync reconcile" to apply it now.',
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.alarms = [
      ...props.alarms,
      this.workerErrorsAlarm,
      this.receiverServerErrorsAlarm,
      this.unusableEventsAlarm,
    ];
    const action = new SnsAction(this.topic);
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
