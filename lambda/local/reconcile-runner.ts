import * as z from 'zod/mini';
import { MAX_RECONCILE_CHANGES } from '../config/schema.js';
import { classify } from '../core/errors.js';
import type { Log } from '../observability/log.js';
import type { ReconcileOptions } from '../service/reconcile-deps.js';
import type { ReconcileSummary } from '../service/reconcile-run.js';

/** What `POST /reconcile` takes (and `hr-sync reconcile` sends): both optional, `{}` is a real run. */
export const LocalReconcileRequest = z.strictObject({
  dryRun: z.optional(z.boolean()),
  maxChanges: z.optional(z.int().check(z.gte(0), z.lte(MAX_RECONCILE_CHANGES))),
});
export type LocalReconcileRequest = z.infer<typeof LocalReconcileRequest>;

export type ReconcileTrigger = 'request' | 'schedule';

export interface ReconcileRunner {
  /** One run now, or `busy` when one is running (a person's or the schedule's). */
  run(request: LocalReconcileRequest, trigger: ReconcileTrigger): Promise<ReconcileSummary | 'busy'>;
  /** No further scheduled run; resolves once the run in flight, if any, has finished. */
  stop(): Promise<void>;
}

export interface ReconcileRunnerOptions {
  /** `reconcile()` with the host's deps. */
  reconcile: (options: ReconcileOptions) => Promise<ReconcileSummary>;
  /** Between two scheduled runs; 0: none is scheduled. */
  everyMs: number;
  log: Log;
  now?: () => number;
  /** Calls `tick` after `ms` and returns how to cancel it; tests pass one they fire by hand. */
  schedule?: (tick: () => void, ms: number) => () => void;
}

/**
 * The local host's reconcile job: one run at a time, by request or every `everyMs`, in place of
 * EventBridge Scheduler and the scheduler function. The runs take no deadline, so the service never
 * interrupts one and needs no saved state to resume from (service/reconcile-run.ts saves only a run that
 * runs out of time): a run enqueues everything in one SQLite commit at its end, or nothing, and a run
 * a kill cuts short is simply run again afresh. One host per data directory (host-lock.ts) makes this
 * in-process guard the only one needed.
 */
export function startReconcileRunner(options: ReconcileRunnerOptions): ReconcileRunner {
  const { log, now = Date.now, everyMs, schedule = scheduleWithTimer } = options;
  let running: Promise<unknown> | undefined;
  let cancel: (() => void) | undefined;
  let stopped = false;

  const run = async (
    request: LocalReconcileRequest,
    trigger: ReconcileTrigger,
  ): Promise<ReconcileSummary | 'busy'> => {
    if (running || stopped) return 'busy';
    const startedAt = now();
    const done = options.reconcile({ dryRun: request.dryRun ?? false, maxChanges: request.maxChanges });
    running = done.catch(() => undefined);
    try {
      const summary = await done;
      // Counts and codes only: the summary never holds a name or an email.
      log.info('reconcile finished', { trigger, durationMs: now() - startedAt, ...summary });
      return summary;
    } catch (error) {
      const failure = classify(error);
      log.error('reconcile failed', {
        trigger,
        code: failure.code,
        kind: failure.kind,
        reason: failure.message,
      });
      throw error;
    } finally {
      running = undefined;
    }
  };

  const next = () => {
    if (stopped || everyMs <= 0) return;
    cancel = schedule(() => {
      const scheduled = run({}, 'schedule');
      void scheduled.then(
        (result) => {
          if (result === 'busy' && !stopped)
            log.info('reconcile skipped', { trigger: 'schedule', reason: 'a run is in progress' });
        },
        // Logged by `run`; the next scheduled run tries again.
        () => undefined,
      );
      next();
    }, everyMs);
  };
  next();

  return {
    run,
    async stop() {
      stopped = true;
      cancel?.();
      await running;
    },
  };
}

function scheduleWithTimer(tick: () => void, ms: number): () => void {
  // The host's server keeps the process alive; the timer must not keep a stopping one.
  const timer = setTimeout(tick, ms).unref();
  return () => clearTimeout(timer);
}
