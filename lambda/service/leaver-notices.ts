import type { AccessReviewReport } from '../core/access-review-report.js';
import { classify } from '../core/errors.js';
import { leaversToNotify, markNotified } from '../core/notified-leavers.js';
import type { AccessReviewStore, LeaverNotifier } from '../core/ports.js';
import type { Log } from '../observability/log.js';

/**
 * After a review is written: one notice for its leavers not yet notified, then the review written
 * again with them marked, so the next review carries the mark over and names them no more. A notice
 * that fails leaves them unmarked (the next run tries again); a mark that cannot be written means
 * they may be named twice, never that one is missed. Logs counts and codes only. Never throws: the
 * review is written whatever becomes of the notice. Without a notifier, nothing is sent or marked.
 * Returns how many leavers the notice named (0: none was due, or it failed).
 */
export async function notifyNewLeavers(
  deps: { store: AccessReviewStore; notifier?: LeaverNotifier | undefined },
  report: AccessReviewReport,
  input: { now: number; log: Log },
): Promise<number> {
  const { log } = input;
  const { notifier } = deps;
  const due = leaversToNotify(report);
  if (!notifier || due.length === 0) return 0;
  try {
    await notifier.notify(due);
  } catch (error) {
    log.warn('leaver notice failed', { code: classify(error).code, leavers: due.length });
    return 0;
  }
  try {
    await deps.store.write(markNotified(report, due, input.now));
  } catch (error) {
    log.warn('leaver notice not recorded', { code: classify(error).code, leavers: due.length });
  }
  log.info('leaver notice sent', { leavers: due.length });
  return due.length;
}
