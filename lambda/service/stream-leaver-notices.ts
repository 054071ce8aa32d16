import { type AccessReviewReport, findingKey } from '../core/access-review-report.js';
import { classify } from '../core/errors.js';
import { leaversToNotify, markNotified } from '../core/notified-leavers.js';
import type { AccessReviewStore, AccessReviewUpdater, LeaverNotifier } from '../core/ports.js';
import type { Log } from '../observability/log.js';

export interface StoredLeaverNoticeDeps {
  store: AccessReviewStore & AccessReviewUpdater;
  notifier: LeaverNotifier;
  log: Log;
}

/**
 * On a stack, leaver notices follow the stored review (its table's stream) rather than the function
 * that wrote it, so the reconcile run and the worker send none themselves. `image` is the review one
 * write left; the review stored now is the truth: a later write may have marked its leavers already
 * (a stream delivers every write, in order, and may deliver one again). So:
 * - an image with no leaver left to notify (the mark below writes one) costs no call at all;
 * - otherwise one notice names the stored review's leavers not yet notified (none: nothing is sent),
 *   then a conditional update marks them, so a write that came in between is kept, not overwritten.
 * A notice that fails throws (the stream retries the record; its leavers stay unmarked, so any later
 * write of the review brings them back). A mark that fails is logged: they may be named twice, never
 * missed. Logs counts and codes only. Returns how many leavers the notice named.
 */
export async function notifyStoredLeavers(
  deps: StoredLeaverNoticeDeps,
  image: AccessReviewReport,
  input: { now: number },
): Promise<number> {
  const { store, notifier, log } = deps;
  if (leaversToNotify(image).length === 0) return 0;
  const current = await store.read();
  const due = current ? leaversToNotify(current) : [];
  if (due.length === 0) return 0;
  await notifier.notify(due);
  log.info('leaver notice sent', { leavers: due.length });
  const named = new Set(due.map(findingKey));
  try {
    await store.update((latest) => {
      const marked = latest
        ? leaversToNotify(latest).filter((finding) => named.has(findingKey(finding)))
        : [];
      // Nothing left to mark (removed or marked meanwhile): no write, so no stream record either.
      return { review: latest && marked.length > 0 ? markNotified(latest, marked, input.now) : undefined };
    });
  } catch (error) {
    log.warn('leaver notice not recorded', { code: classify(error).code, leavers: due.length });
  }
  return due.length;
}
