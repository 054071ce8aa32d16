import { describe, expect, it } from 'vitest';
import { UNUSABLE_CODES } from '../../lambda/providers/index.js';
import { logicalId, resourceProps, synthStack } from './synth-template.js';

const { stack, template } = synthStack();

describe('the unusable-events alarm', () => {
  const alarm = resourceProps(template, logicalId(stack.hrSync.operatorAlarms.unusableEventsAlarm));

  it('fires on the first HR event about an employee that the receiver acknowledged and could not use', () => {
    expect(alarm).toMatchObject({
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarm.AlarmDescription).toContain('Personio employment event naming no person');
  });

  it('sums EventsUnusable over every unusable reason the receiver counts, in HeymarketHrSync by service', () => {
    const queries = alarm.Metrics as {
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] }; Stat: string };
    }[];
    const reasons = queries.flatMap((query) =>
      query.MetricStat
        ? [
            {
              namespace: query.MetricStat.Metric.Namespace,
              name: query.MetricStat.Metric.MetricName,
              stat: query.MetricStat.Stat,
              dimensions: query.MetricStat.Metric.Dimensions,
            },
          ]
        : [],
    );
    expect(reasons).toEqual(
      UNUSABLE_CODES.map((reason) => ({
        namespace: 'HeymarketHrSync',
        name: 'EventsUnusable',
        stat: 'Sum',
        dimensions: expect.arrayContaining([
          { Name: 'service', Value: 'heymarket-hr-sync' },
          { Name: 'reason', Value: reason },
        ]),
      })),
    );
    expect(UNUSABLE_CODES).toContain('employment-without-person');
    const [sum] = queries.filter((query) => query.Expression);
    expect(sum?.Expression).toBe(UNUSABLE_CODES.map((_, index) => `FILL(m${index}, 0)`).join(' + '));
  });
});
