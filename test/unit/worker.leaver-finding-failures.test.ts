import { describe, expect, it } from 'vitest';
import type { AccessReviewReport } from '../../lambda/core/access-review-report.js';
import { transient } from '../../lambda/core/errors.js';
import type { AccessReviewUpdater } from '../../lambda/core/ports.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { recordingMetrics } from '../support/recording-metrics.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

const LEAVER_ROLE = 9;
const terminated = makeChange({ type: 'employee.terminated', employee: { status: 'terminated' } });

/** The stored review in memory: what an update wrote, or a write that always fails. */
function reviewStore(failing = false) {
  const store = {
    review: undefined as AccessReviewReport | undefined,
    async update(apply) {
      if (failing)
        throw transient('access-review-unavailable', 'access-review: UpdateItem failed (ServiceUnavailable)');
      const result = apply(store.review);
      if (result.review) store.review = result.review;
      return result;
    },
  } satisfies AccessReviewUpdater & { review: AccessReviewReport | undefined };
  return store;
}

async function run(options: {
  store: ReturnType<typeof reviewStore>;
  heymarket?: MemoryHeymarket;
  config?: Parameters<typeof workerDeps>[1];
}) {
  const heymarket = options.heymarket ?? new MemoryHeymarket().add(7, 'ada@example.test');
  const harness = workerDeps(heymarket, options.config);
  const { metrics, counts } = recordingMetrics();
  const deps = { ...harness.deps, metrics, accessReview: { store: options.store, unlisted: [] } };
  const result = await syncBatch([queueRecord(terminated)], deps, harness.options);
  return { ...result, ...harness, counts };
}

describe('a leaver finding the worker cannot record', () => {
  it('leaves the message done when the review cannot be written: logged by error code only, counted', async () => {
    const outcome = await run({ store: reviewStore(true) });
    expect(outcome.retry).toEqual([]);
    expect(outcome.deadLettered).toEqual([]);
    expect(outcome.logs.filter((line) => line.level === 'error')).toEqual([
      {
        level: 'error',
        message: 'leaver not added to the access review',
        attributes: { code: 'access-review-unavailable' },
      },
    ]);
    expect(outcome.counts.LeaverFindingFailures).toBe(1);
  });
});

describe('a termination the batch did not finish', () => {
  it('adds no finding while the queue delivers it again: the move to the termination role may yet be made', async () => {
    const heymarket = new MemoryHeymarket().add(7, 'ada@example.test');
    heymarket.failures.set(7, transient('heymarket-503', 'Heymarket answered 503'));
    const store = reviewStore();
    const outcome = await run({
      store,
      heymarket,
      config: { termination: { action: 'move-to-role', roleId: LEAVER_ROLE } },
    });
    expect(outcome.retry).toHaveLength(1);
    expect(store.review).toBeUndefined();
  });

  it('adds no finding in a dry run, which writes nothing', async () => {
    const store = reviewStore();
    await run({ store, config: { dryRun: true } });
    expect(store.review).toBeUndefined();
  });
});
