import type { AccessReviewReport } from '../core/access-review-report.js';
import { classify } from '../core/errors.js';
import type { AccessReviewStore, AccessReviewUpdater, LeaverNotifier } from '../core/ports.js';
import type { Log } from '../observability/log.js';
import { notifyStoredLeavers } from './stream-leaver-notices.js';

/**
 * The stored review with its leaver notices, for a host with no table stream (local mode): after each
 * write, as the stack's leaver notifier does after each stream record (lambda/app/build-leaver-notifier.ts),
 * one notice names the stored review's leavers not yet named, and marks them. So the reconcile run and
 * the worker only store; who tells the administrators is decided here, once, for both. A notice that
 * fails is logged by its code and leaves its leavers unmarked: the next write names them.
 */
export function notifyingReviewStore(
  inner: AccessReviewStore & AccessReviewUpdater,
  options: { notifier: LeaverNotifier; log: Log; now: () => number },
): AccessReviewStore & AccessReviewUpdater {
  const notify = async (written: AccessReviewReport | undefined) => {
    if (!written) return;
    try {
      await notifyStoredLeavers({ store: inner, notifier: options.notifier, log: options.log }, written, {
        now: options.now(),
      });
    } catch (error) {
      options.log.warn('leaver notice failed', { code: classify(error).code });
    }
  };
  return {
    read: () => inner.read(),
    async write(report) {
      await inner.write(report);
      await notify(report);
    },
    async update(apply) {
      const result = await inner.update(apply);
      await notify(result.review);
      return result;
    },
  };
}
