import { retryDelaySeconds } from '../core/backoff.js';
import { transient } from '../core/errors.js';
import type { QueueRecord } from '../core/ports.js';
import type { Log } from '../observability/log.js';
import type { SyncOptions, SyncResult } from '../service/sync-batch.js';
import type { LocalQueue } from './sqlite-queue.js';

/**
 * The local stand-in for the SQS event source and the worker Lambda: it receives a batch, runs
 * `syncBatch` on it with a deadline, deletes what is done and hides what is retried for its backoff.
 * One batch at a time (Heymarket's budget, and one writer on the data file).
 */
export interface WorkerLoop {
  /** Polls now instead of at the end of the current wait: the receiver just queued something. */
  wake(): void;
  /** Finishes the batch in flight, if any, and resolves once the loop has ended. */
  stop(): Promise<void>;
}

export interface WorkerLoopOptions {
  queue: Pick<LocalQueue, 'receive' | 'delete' | 'delay'>;
  sync: (records: readonly QueueRecord[], options: SyncOptions) => Promise<SyncResult>;
  log: Log;
  now?: () => number;
  /** The event source's batch size, as the stack sets it. */
  batchSize?: number;
  /** The worker function's timeout: the batch's deadline is this far from its start. */
  batchTimeoutMs?: number;
  /** The stack's visibility timeout: 6 × the worker's timeout + the batching window. */
  visibilitySeconds?: number;
  /** How long to wait before polling again when the queue had nothing visible. */
  idleWaitMs?: number;
}

export const BATCH_SIZE = 50;
export const BATCH_TIMEOUT_MS = 60_000;
export const VISIBILITY_SECONDS = 365;
const IDLE_WAIT_MS = 500;
// A queue that cannot be read (a locked or full disk) is tried again, a little later each time.
const MAX_ERROR_WAIT_MS = 30_000;

export function startWorkerLoop(options: WorkerLoopOptions): WorkerLoop {
  const {
    queue,
    sync,
    log,
    now = Date.now,
    batchSize = BATCH_SIZE,
    batchTimeoutMs = BATCH_TIMEOUT_MS,
    visibilitySeconds = VISIBILITY_SECONDS,
    idleWaitMs = IDLE_WAIT_MS,
  } = options;
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });

  const runBatch = async (records: QueueRecord[]) => {
    let result: Pick<SyncResult, 'retry' | 'delays'>;
    try {
      result = await sync(records, { deadline: now() + batchTimeoutMs });
    } catch (error) {
      // syncBatch settles every message itself; if it throws anyway, the whole batch comes back later,
      // as SQS redelivers a batch whose invocation failed.
      log.error('batch failed', { messages: records.length, error });
      const delays = new Map(
        records.map((record) => [
          record.messageId,
          retryDelaySeconds(record.receiveCount, transient('unexpected', 'the batch failed')),
        ]),
      );
      result = { retry: records.map((record) => record.messageId), delays };
    }
    const retried = new Set(result.retry);
    await queue.delete(
      records.flatMap((record) => (retried.has(record.messageId) ? [] : [record.messageId])),
    );
    for (const id of retried) await queue.delay(id, result.delays.get(id) ?? 0);
  };

  const loop = async () => {
    let failures = 0;
    while (!stopping) {
      try {
        const records = await queue.receive(batchSize, visibilitySeconds);
        failures = 0;
        if (records.length === 0) await wait(idleWaitMs);
        else await runBatch(records);
      } catch (error) {
        failures += 1;
        log.error('local queue unavailable', { error, failures });
        await wait(Math.min(MAX_ERROR_WAIT_MS, idleWaitMs * 2 ** failures));
      }
    }
  };

  const running = loop();
  return {
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      await running;
    },
  };
}
