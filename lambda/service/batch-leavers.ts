import { classify } from '../core/errors.js';
import { addLeaverFindings, type BatchLeaver, leaverSeatFindings } from '../core/leaver-findings.js';
import type { BatchRun } from './batch-run.js';

/**
 * Adds the batch's leavers who still hold a seat to the stored access review at once; the write itself
 * brings the notice (on a stack the table's stream and the leaver notifier function; locally
 * lambda/service/notifying-review-store.ts). Only leavers whose message
 * is done count: one the queue delivers again is judged on that delivery. Runs after the batch's
 * Heymarket write and never fails a message: that write stands, and the next reconcile run finds the
 * leaver anyway, so a failure here is logged by its code and counted, nothing more. Returns how many
 * findings were added.
 */
export async function recordLeavers(
  run: BatchRun,
  leavers: readonly (BatchLeaver & { messageId: string })[],
): Promise<number> {
  const { accessReview, config, log, metrics, now } = run.deps;
  const done = leavers.filter(({ messageId }) => !run.retry.has(messageId));
  if (!accessReview || done.length === 0) return 0;
  const at = now();
  const findings = leaverSeatFindings(done, config, at);
  if (findings.length === 0) return 0;
  let added: number;
  try {
    ({ added } = await accessReview.store.update((current) => {
      const result = addLeaverFindings(current, findings, { now: at, unlisted: accessReview.unlisted });
      return { review: result.review, added: result.added.length };
    }));
  } catch (error) {
    log.error('leaver not added to the access review', { code: classify(error).code });
    metrics?.count('LeaverFindingFailures');
    return 0;
  }
  if (added > 0) log.info('leavers added to the access review', { added });
  return added;
}
