import { describe, expect, it } from 'vitest';
import type { AccessReviewReport } from '../../lambda/core/access-review-report.js';
import type { AccessReviewUpdater } from '../../lambda/core/ports.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { MemoryAppliedStore } from '../support/memory-applied-store.js';
import { MemoryHeymarket, queueRecord, workerDeps } from '../support/worker-deps.js';

const termination = makeChange({
  eventId: 'evt-left',
  type: 'employee.terminated',
  occurredAt: '2026-03-01T09:00:00.000Z',
  employee: { status: 'terminated' },
});
const rehire = makeChange({
  eventId: 'evt-back',
  occurredAt: '2026-03-01T10:00:00.000Z',
  employee: { status: 'active' },
});

async function leaverFindingsAfter(...batches: (typeof termination)[][]) {
  let stored: AccessReviewReport | undefined;
  const store: AccessReviewUpdater = {
    async update(apply) {
      const result = apply(stored);
      if (result.review) stored = result.review;
      return result;
    },
  };
  const harness = workerDeps(new MemoryHeymarket().add(7, 'ada@example.test'));
  const deps = { ...harness.deps, applied: new MemoryAppliedStore(), accessReview: { store, unlisted: [] } };
  for (const changes of batches) {
    await syncBatch(
      changes.map((change) => queueRecord(change)),
      deps,
      harness.options,
    );
  }
  return (stored?.findings ?? []).map((finding) => `${finding.employee?.id}→${finding.user?.id}`);
}

describe('a termination the batch processed is a leaver finding only if the employee is still a leaver after it', () => {
  it('is one when nothing newer says they are back', async () => {
    expect(await leaverFindingsAfter([termination])).toEqual(['E1→7']);
  });

  it('is none when the same batch also carries a newer return (a rehire)', async () => {
    expect(await leaverFindingsAfter([rehire, termination])).toEqual([]);
  });

  it('is none when a return newer than it was applied in an earlier batch', async () => {
    expect(await leaverFindingsAfter([rehire], [termination])).toEqual([]);
  });
});
