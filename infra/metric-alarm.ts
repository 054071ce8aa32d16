import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { type CountName, METRICS_NAMESPACE } from '../lambda/observability/metrics.js';

/**
 * One of the functions' own metrics (lambda/observability/metrics.ts) for this instance, by the hour:
 * `Sum` for a count of events, `Maximum` for a level a function publishes (a list's size).
 */
export function ownMetric(name: CountName, service: string, statistic: 'Sum' | 'Maximum'): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service },
    statistic: statistic === 'Sum' ? cloudwatch.Stats.SUM : cloudwatch.Stats.MAXIMUM,
    period: Duration.hours(1),
  });
}

/**
 * An alarm that fires when the metric reaches 1. No data reads as nothing wrong, unless the caller
 * says to ignore it (a level published now and then keeps its last state).
 */
export function alarmOnFirst(
  scope: Construct,
  id: string,
  metric: cloudwatch.Metric,
  description: string,
  treatMissingData: cloudwatch.TreatMissingData = cloudwatch.TreatMissingData.NOT_BREACHING,
): cloudwatch.Alarm {
  return metric.createAlarm(scope, id, {
    alarmDescription: description,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData,
  });
}
