import type { Finding } from '../core/access-review-report.js';
import { classify } from '../core/errors.js';
import { addLeaverFindings, type BatchLeaver, leaverSeatFindings } from '../core/leaver-findings.js';
import type { BatchRun } from './batch-run.js';

/**
 * Adds the batch's leavers who still hold a seat to the stored access review at once, and, given a
 * notifier (the local host), tells the administrators about those it had not listed yet (one notice
 * per batch); on a stack the review's write itself reaches the leaver notifier (its table's stream). Only leavers whose message
 * is done count: one the queue delivers again is judged on that delivery. Runs after the batch's
 * Heymarket write and never fails a message: that write stands, and the next reconcile run finds the
 * leaver anyway, so a failure here is logged by its code and counted, nothing more. Returns how many
 * findings were added.
 */
export async function recordLeavers(
  run: BatchRun,
  leavers: readonly (BatchLeaver & { messageId: string })[],
): Promise<number> {
  const { accessReview, notifier, config, log, metrics, now } = run.deps;
  const done = leavers.filter(({ messageId }) => !run.retry.has(messageId));
  if (!accessReview || done.length === 0) return 0;
  const at = now();
  const findings = leaverSeatFindings(done, config, at);
  if (findings.length === 0) return 0;
  let added: Finding[];
  try {
    ({ added } = await accessReview.store.update((current) =>
      addLeaverFindings(current, findings, { now: at, unlisted: accessReview.unlisted }),
    ));
  } catch (error) {
    log.error('leaver not added to the access review', { code: classify(error).code });
    metrics?.count('LeaverFindingFailures');
    return 0;
  }
  if (added.length > 0) log.info('leavers added to the access review', { added: added.length });
  if (added.length > 0 && notifier) {
    try {
      await notifier.notify(added);
    } catch (error) {
      log.error('leaver notice not sent', { code: classify(error).code });
      metrics?.count('LeaverFindingFailures');
    }
  }
  return added.length;
}
