import { describe, expect, it } from 'vitest';
import { logicalId, resourceProps, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const topic = { Ref: logicalId(stack.hrSync.operatorAlarms.topic) };

/** A level alarm on the alarm topic: the hour's largest value reaching 1, hours without a point ignored. */
function expectLevelAlarm(props: Record<string, unknown>, metricName: string) {
  expect(props).toMatchObject({
    Namespace: 'HeymarketHrSync',
    MetricName: metricName,
    Dimensions: [{ Name: 'service', Value: 'heymarket-hr-sync' }],
    Statistic: 'Maximum',
    Period: 3600,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'ignore',
  });
  expect(props.AlarmActions).toEqual([topic]);
  expect(props.OKActions).toEqual([topic]);
}

describe('the access review alarms', () => {
  it('fire on the first leaver past accessReview.leaverGraceHours, an hour’s largest count, ignoring hours without one', () => {
    const props = resourceProps(template, logicalId(stack.hrSync.reconcile.leaversOverdueAlarm));
    expectLevelAlarm(props, 'AccessReviewLeaversOverdue');
    expect(props.AlarmDescription).toMatch(/Administration > Users.*accessReview\.acknowledged/);
  });

  it('fire when a run could not renew the review, and stay raised until a run does', () => {
    const props = resourceProps(template, logicalId(stack.hrSync.reconcile.reviewStaleAlarm));
    expectLevelAlarm(props, 'AccessReviewStale');
    expect(props.AlarmDescription).toMatch(/hr-sync secrets check/);
  });
});
