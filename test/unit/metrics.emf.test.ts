import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPowertoolsMetrics } from '../../lambda/observability/powertools-metrics.js';
import { captureStdio } from '../support/emf-output.js';

const warnings: unknown[] = [];
const log = {
  warn: (message: string, attributes: Record<string, unknown>) => warnings.push({ message, attributes }),
};

describe('the Powertools metrics adapter', () => {
  let stdio: ReturnType<typeof captureStdio>;
  beforeEach(() => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    warnings.length = 0;
    stdio = captureStdio();
  });
  afterEach(() => {
    stdio.stop();
    vi.unstubAllEnvs();
  });

  it('writes the counts and timings of an invocation as one EMF line in HeymarketHrSync, by service', () => {
    const metrics = createPowertoolsMetrics({ log });
    metrics.count('ChangesAccepted', 3);
    metrics.count('ChangesAccepted', 2);
    metrics.count('DuplicatesDropped', 0);
    metrics.timing('HeymarketLatency', 120);
    metrics.timing('HeymarketLatency', 80);
    metrics.publish();

    const [document, ...rest] = stdio.documents();
    expect(rest).toEqual([]);
    expect(document?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'HeymarketHrSync',
        Dimensions: [['service']],
        Metrics: expect.arrayContaining([
          { Name: 'ChangesAccepted', Unit: 'Count' },
          { Name: 'DuplicatesDropped', Unit: 'Count' },
          { Name: 'HeymarketLatency', Unit: 'Milliseconds' },
        ]),
      },
    ]);
    expect(document).toMatchObject({
      service: 'heymarket-hr-sync',
      ChangesAccepted: 5,
      DuplicatesDropped: 0,
      HeymarketLatency: [120, 80],
    });
  });

  it('writes a split count on a line of its own per dimension value, beside service', () => {
    const metrics = createPowertoolsMetrics({ log });
    metrics.count('PatchesApplied', 4);
    metrics.count('DeadLettered', 1, { name: 'errorClass', value: 'unknown-email' });
    metrics.count('DeadLettered', 2, { name: 'errorClass', value: 'unknown-email' });
    metrics.count('ChangesRetried', 1, { name: 'reason', value: 'heymarket-5xx' });
    metrics.count('HeymarketRetries', 2, { name: 'reason', value: 'heymarket-5xx' });
    metrics.publish();

    const documents = stdio.documents();
    expect(documents).toHaveLength(3);
    const lines = documents.map((document) => ({
      dimensions: document._aws.CloudWatchMetrics[0]?.Dimensions,
      values: Object.fromEntries(Object.entries(document).filter(([key]) => key !== '_aws')),
    }));
    expect(lines).toEqual([
      { dimensions: [['service']], values: { service: 'heymarket-hr-sync', PatchesApplied: 4 } },
      {
        dimensions: [['service', 'errorClass']],
        values: { service: 'heymarket-hr-sync', errorClass: 'unknown-email', DeadLettered: 3 },
      },
      {
        dimensions: [['service', 'reason']],
        values: {
          service: 'heymarket-hr-sync',
          reason: 'heymarket-5xx',
          ChangesRetried: 1,
          HeymarketRetries: 2,
        },
      },
    ]);
  });

  it('starts each invocation afresh: what was published is not written again', () => {
    const metrics = createPowertoolsMetrics({ log });
    metrics.count('DeadLettered', 1, { name: 'errorClass', value: 'heymarket-400' });
    metrics.publish();
    metrics.count('ChangesAccepted');
    metrics.publish();

    const [, second] = stdio.documents();
    expect(stdio.documents()).toHaveLength(2);
    expect(second?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service']]);
    expect(second).not.toHaveProperty('errorClass');
    expect(second).not.toHaveProperty('DeadLettered');
    expect(second).toMatchObject({ ChangesAccepted: 1 });
  });

  it('writes nothing, not even a warning, for an invocation that counted nothing', () => {
    createPowertoolsMetrics({ log }).publish();
    expect(stdio.text()).toBe('');
    expect(stdio.errors()).toBe('');
  });

  it('folds a dimension value outside the known codes into a bounded one rather than a new metric', () => {
    const metrics = createPowertoolsMetrics({ log });
    metrics.count('ChangesRetried', 1, { name: 'reason', value: 'ada.lovelace@example.test' });
    metrics.count('DeadLettered', 1, { name: 'errorClass', value: 'merge-418' });
    metrics.publish();

    expect(stdio.documents().map((document) => document.reason ?? document.errorClass)).toEqual([
      'other',
      'merge-4xx',
    ]);
    expect(stdio.text()).not.toContain('ada.lovelace');
  });

  it('never throws into the service: a value that is not a number is dropped', () => {
    const metrics = createPowertoolsMetrics({ log });
    expect(() => {
      metrics.timing('HeymarketLatency', Number.NaN);
      metrics.count('PatchesApplied', Number.POSITIVE_INFINITY);
      metrics.publish();
    }).not.toThrow();
    expect(stdio.text()).toBe('');
  });
});
