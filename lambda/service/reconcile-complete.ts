import { decideCap } from '../core/reconcile-compare.js';
import {
  countsOf,
  type ReconcileProgress,
  type ReconcileSummary,
  summaryOf,
} from '../core/reconcile-progress.js';
import { countAccessReview } from './access-review-metrics.js';
import { type ReviewDirectory, writeAccessReview } from './access-review-run.js';
import type { ReconcileDeps } from './reconcile-deps.js';
import { countReconcile } from './reconcile-metrics.js';

/** A run that has examined every provider, as the run hands it over to be completed. */
export interface CompletedRun {
  /** The run's progress with its pending changes. */
  progress: ReconcileProgress;
  /** The lease holder (lambda/aws/reconcile-state.ts): only it may record the run finished. */
  owner: string;
  dryRun: boolean;
  maxChanges: number;
  deadline: number | undefined;
  directory: ReviewDirectory;
}

/**
 * The end of a run: over the cap it enqueues nothing, else every pending change at once; then it
 * records the run finished, counts it and writes the access review. A dry run only reports.
 */
export async function completeRun(deps: ReconcileDeps, run: CompletedRun): Promise<ReconcileSummary> {
  const { log, metrics, queue } = deps;
  const { progress, dryRun, maxChanges } = run;
  // Saved state is used only by a real run: a dry run neither resumes nor disturbs one.
  const state = dryRun ? undefined : deps.state;
  const summary = summaryOf(progress, dryRun, maxChanges);
  const cap = decideCap(summary.differing, maxChanges);
  if (!cap.allowed) {
    summary.capExceeded = cap.reason;
    summary.skippedByCap = summary.differing;
    log.warn('reconcile cap exceeded', {
      runId: summary.runId,
      differing: summary.differing,
      maxChanges,
      dryRun,
    });
  } else if (!dryRun && progress.pending.length > 0) {
    await queue.send(progress.pending);
    summary.enqueued = progress.pending.length;
  }
  const counts = countsOf(summary);
  await state?.finish(
    { runId: summary.runId, finishedAt: new Date(deps.now()).toISOString(), ...counts },
    run.owner,
  );
  if (!dryRun && metrics) countReconcile(metrics, summary);
  if (!dryRun && deps.accessReview) {
    const now = deps.now();
    const outcome = await writeAccessReview(deps.accessReview, {
      config: deps.config,
      directory: run.directory,
      now,
      deadline: run.deadline,
      log,
    });
    if (metrics) {
      countAccessReview(metrics, outcome, { graceHours: deps.config.accessReview.leaverGraceHours, now });
    }
  }
  log.info('reconcile done', {
    ...counts,
    runId: summary.runId,
    segment: summary.segment,
    dryRun,
    failures: summary.failures,
  });
  return summary;
}
