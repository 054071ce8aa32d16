import { describe, expect, it } from 'vitest';
import { permanent, transient } from '../../lambda/core/errors.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryAppliedStore } from '../support/memory-applied-store.js';
import { recordingMetrics } from '../support/recording-metrics.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

describe('what the worker counts for a batch', () => {
  it('counts patches applied, messages retried by reason and dead-lettered by error class', async () => {
    const heymarket = new MemoryHeymarket()
      .add(1, 'ada@example.test')
      .add(2, 'grace@example.test')
      .add(3, 'alan@example.test')
      .add(4, 'joan@example.test');
    heymarket.failures.set(3, transient('heymarket-5xx', 'Heymarket answered 503'));
    heymarket.failures.set(4, permanent('heymarket-400', 'Heymarket answered 400'));
    const { deps, options } = workerDeps(heymarket);
    const { metrics, counts } = recordingMetrics();
    const change = (id: string, workEmail: string) =>
      queueRecord(makeChange({ eventId: `evt-${id}`, employee: { id, workEmail } }));

    await syncBatch(
      [
        change('E1', 'ada@example.test'),
        change('E2', 'grace@example.test'),
        change('E3', 'alan@example.test'),
        change('E4', 'joan@example.test'),
        change('E5', 'nobody@example.test'),
        queueRecord('not json at all'),
      ],
      { ...deps, metrics },
      options,
    );

    expect(counts).toEqual({
      PatchesApplied: 2,
      StaleDropped: 0,
      'ChangesRetried{reason=heymarket-5xx}': 1,
      'DeadLettered{errorClass=heymarket-400}': 1,
      'DeadLettered{errorClass=unknown-email}': 1,
      'DeadLettered{errorClass=invalid-message}': 1,
    });
  });

  it('counts each field dropped because a newer change was already applied', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const applied = new MemoryAppliedStore();
    const run = async (eventId: string, occurredAt: string) => {
      const { deps, options } = workerDeps(heymarket);
      const { metrics, counts } = recordingMetrics();
      const record = queueRecord(makeChange({ eventId, occurredAt }));
      await syncBatch([record], { ...deps, applied, metrics }, options);
      return counts;
    };

    await run('new', '2026-01-01T11:00:00Z');
    const late = await run('old', '2026-01-01T10:00:00Z');

    // firstName and lastName were both set by the newer change: nothing is left to send.
    expect(late).toEqual({ PatchesApplied: 0, StaleDropped: 2 });
  });

  it('counts a DLQ it cannot reach as a retry under the DLQ code, not as dead-lettered', async () => {
    const { deps, options, breakDlq } = workerDeps(new MemoryHeymarket());
    const { metrics, counts } = recordingMetrics();
    breakDlq();

    await syncBatch([queueRecord('not json at all')], { ...deps, metrics }, options);

    expect(counts).toEqual({
      PatchesApplied: 0,
      StaleDropped: 0,
      'ChangesRetried{reason=dlq-unavailable}': 1,
    });
  });

  it('counts no patch as applied in a dry run', async () => {
    const heymarket = new MemoryHeymarket().add(1, 'ada@example.test');
    const { deps, options } = workerDeps(heymarket, { dryRun: true });
    const { metrics, counts } = recordingMetrics();

    const result = await syncBatch([queueRecord(makeChange())], { ...deps, metrics }, options);

    expect(result.summary.patched).toBe(1);
    expect(counts).toEqual({ StaleDropped: 0 });
  });
});
