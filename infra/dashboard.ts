import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  type CountName,
  DIMENSION_OF,
  METRICS_NAMESPACE,
  type TimingName,
} from '../lambda/observability/metrics.js';
import { SERVICE_NAME } from '../lambda/observability/service-name.js';
import { HEYMARKET_REQUESTS_PER_MINUTE } from './concurrency.js';

export interface SyncDashboardProps {
  receiver: lambda.IFunction;
  worker: lambda.IFunction;
  /** Drawn on the worker's duration graph. */
  workerTimeout: Duration;
  /** The webhook API's stage (5XXError as the HR systems see it). */
  stage: apigateway.Stage;
  queue: sqs.IQueue;
  deadLetterQueue: sqs.IQueue;
  /** Shown as one status row at the top. */
  alarms: cloudwatch.IAlarm[];
  /** The dashboard is `<dashboardName>-<region>`; default the stack's name. */
  dashboardName?: string;
  /** The metrics' `service` dimension; default heymarket-hr-sync. */
  serviceName?: string;
}

const PERIOD = Duration.minutes(5);
const PERCENTILES = [cloudwatch.Stats.p(50), cloudwatch.Stats.p(99), cloudwatch.Stats.MAXIMUM];

/**
 * One page for an operator: alarms, then the receiver, the worker, Heymarket and the two queues, from
 * the functions' own metrics (lambda/observability/metrics.ts: namespace, names and dimensions are
 * defined there once) and AWS's. A count split by reason is drawn with a SEARCH expression, one line
 * per reason that occurred, so a new reason needs no change here.
 */
export class SyncDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: SyncDashboardProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { receiver, worker, stage, queue, deadLetterQueue } = props;
    const service = props.serviceName ?? SERVICE_NAME;
    const count = (name: CountName, label: string, period = PERIOD) => countOf(service, name, label, period);
    const timing = (name: TimingName, statistic: string) => timingOf(service, name, statistic);
    const byDimension = (name: CountName) => byDimensionOf(service, name);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      // Dashboards are named per account, not per region: a second region's stack must not collide.
      dashboardName: `${props.dashboardName ?? stack.stackName}-${stack.region}`,
      defaultInterval: Duration.days(1),
    });

    const graph = (
      title: string,
      width: number,
      left: cloudwatch.IMetric[],
      options: Partial<cloudwatch.GraphWidgetProps> = {},
    ) => new cloudwatch.GraphWidget({ title, left, width, height: 6, ...options });
    const durations = (fn: lambda.IFunction) =>
      PERCENTILES.map((statistic) => fn.metricDuration({ period: PERIOD, statistic, label: statistic }));
    const sum = { period: PERIOD, statistic: cloudwatch.Stats.SUM };

    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, width: 24, height: 3 }),
    );
    this.dashboard.addWidgets(
      graph('Receiver: changes accepted, duplicates dropped', 6, [
        count('ChangesAccepted', 'accepted'),
        count('DuplicatesDropped', 'repeated in one delivery'),
        count('DeliveriesReplayed', 'replayed deliveries refused'),
        count('OccurredAtClamped', 'event times older than 35 days'),
      ]),
      graph('Receiver: deliveries rejected, by reason', 6, [byDimension('DeliveriesRejected')]),
      graph('Receiver: 5xx and errors', 6, [
        stage.metricServerError({ ...sum, label: 'API 5XXError' }),
        receiver.metricErrors({ ...sum, label: 'function errors' }),
        receiver.metricThrottles({ ...sum, label: 'throttles' }),
      ]),
      // The tightest sender: Personio wants its answer within 3 s
      // (https://developer.personio.de/v2.0/reference/webhooks, Acknowledgment).
      graph('Receiver: duration (ms)', 6, durations(receiver), {
        leftAnnotations: [{ value: 3_000, label: 'Personio acknowledgement limit' }],
      }),
    );
    this.dashboard.addWidgets(
      graph('Receiver: deliveries acknowledged and dropped, by reason', 12, [
        byDimension('DeliveriesIgnored'),
      ]),
      graph('Receiver: events about an employee it could not use, by reason', 12, [
        byDimension('EventsUnusable'),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Worker: users patched, stale fields dropped', 8, [
        count('PatchesApplied', 'users patched'),
        count('StaleDropped', 'stale fields dropped'),
      ]),
      graph('Worker: changes retried, by reason', 8, [byDimension('ChangesRetried')]),
      graph('Worker: dead-lettered, by error class', 8, [byDimension('DeadLettered')]),
    );
    this.dashboard.addWidgets(
      graph('Worker: roles or patches withheld by a safety rule, by reason', 12, [
        byDimension('ChangesWithheld'),
      ]),
      graph('Worker: rehires honoured, leavers not added to the access review', 12, [
        count('Rehires', 'rehires'),
        count('LeaverFindingFailures', 'leaver findings not recorded'),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Worker: errors and throttles', 12, [
        worker.metricErrors({ ...sum, label: 'errors' }),
        worker.metricThrottles({ ...sum, label: 'throttles' }),
      ]),
      graph('Worker: duration (ms)', 12, durations(worker), {
        leftAnnotations: [{ value: props.workerTimeout.toMilliseconds(), label: 'timeout' }],
      }),
    );
    this.dashboard.addWidgets(
      graph('Heymarket: requests per minute', 8, [count('HeymarketCalls', 'requests', Duration.minutes(1))], {
        leftAnnotations: [{ value: HEYMARKET_REQUESTS_PER_MINUTE, label: 'Heymarket rate limit' }],
      }),
      graph(
        'Heymarket: latency (ms)',
        8,
        PERCENTILES.map((statistic) => timing('HeymarketLatency', statistic)),
      ),
      graph('Heymarket: retries within an invocation, by reason', 8, [byDimension('HeymarketRetries')]),
    );
    // One run a day: a daily sum reads as that run's summary.
    const daily = Duration.days(1);
    this.dashboard.addWidgets(
      graph('Reconcile: listed, matched, unmatched (per day)', 12, [
        count('ReconcileListed', 'listed', daily),
        count('ReconcileMatched', 'matched', daily),
        count('ReconcileUnmatched', 'unmatched', daily),
      ]),
      graph('Reconcile: differing, enqueued, over the cap, failures (per day)', 12, [
        count('ReconcileDiffering', 'differing', daily),
        count('ReconcileEnqueued', 'enqueued', daily),
        count('ReconcileSkippedByCap', 'skipped by the cap', daily),
        count('ReconcileCapExceeded', 'runs over the cap', daily),
        count('ReconcileFailures', 'providers not listed', daily),
      ]),
    );
    // The access review's lists are levels (lambda/service/access-review-metrics.ts): the day's largest.
    const level = (name: CountName, label: string) => levelOf(service, name, label, daily);
    this.dashboard.addWidgets(
      graph('Access review: findings per list, leavers overdue, stale (largest per day)', 24, [
        level('AccessReviewLeaversWithSeat', 'leavers with a seat'),
        level('AccessReviewLeaversOverdue', 'leavers past the grace'),
        level('AccessReviewHiresWithoutSeat', 'hires without a seat'),
        level('AccessReviewSeatsWithoutEmployee', 'seats without an employee'),
        level('AccessReviewStale', 'review stale'),
      ]),
    );
    this.dashboard.addWidgets(
      ...[
        { title: 'Main queue', q: queue },
        { title: 'Dead-letter queue', q: deadLetterQueue },
      ].map(
        ({ title, q }) =>
          new cloudwatch.GraphWidget({
            title,
            width: 12,
            height: 6,
            left: [
              q.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), label: 'visible' }),
              q.metricApproximateNumberOfMessagesNotVisible({
                period: Duration.minutes(1),
                label: 'in flight',
              }),
            ],
            right: [
              q.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), label: 'oldest (s)' }),
            ],
            leftYAxis: { min: 0, label: 'messages', showUnits: false },
            rightYAxis: { min: 0, label: 'seconds', showUnits: false },
          }),
      ),
    );
  }
}

/** One of our counts, summed over the period. */
function countOf(service: string, name: CountName, label: string, period: Duration): cloudwatch.IMetric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service },
    statistic: cloudwatch.Stats.SUM,
    period,
    label,
  });
}

/** One of our levels (a value that stands until the next point): its largest over the period. */
function levelOf(service: string, name: CountName, label: string, period: Duration): cloudwatch.IMetric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service },
    statistic: cloudwatch.Stats.MAXIMUM,
    period,
    label,
  });
}

function timingOf(service: string, name: TimingName, statistic: string): cloudwatch.IMetric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service },
    statistic,
    period: PERIOD,
    label: statistic,
  });
}

/**
 * A count split by its dimension: one line per value seen (`reason`, `errorClass`). In EMF a split
 * count is a metric of its own per value, so only a search finds them all.
 */
function byDimensionOf(service: string, name: CountName): cloudwatch.IMetric {
  const dimension = DIMENSION_OF[name];
  if (!dimension) throw new Error(`dashboard: ${name} is not split by a dimension`);
  return new cloudwatch.MathExpression({
    expression: `SEARCH('{${METRICS_NAMESPACE},${dimension},service} MetricName="${name}" service="${service}"', 'Sum', ${PERIOD.toSeconds()})`,
    // Each line is labelled with its dimension value by CloudWatch.
    label: '',
    period: PERIOD,
    usingMetrics: {},
  });
}
