import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withDotEnv } from '../config/local-env.js';
import { countDeadLetter, emptyCounts } from '../core/dead-letter-counts.js';
import { createSqliteAccessReviewStore } from '../local/access-review-store.js';
import { readRecentlyApplied } from '../local/applied-store.js';
import { DATA_FILE, type LocalDatabase, openDatabase } from '../local/database.js';
import { DEFAULT_DATA_DIR } from '../local/host-settings.js';
import { createLocalQueue, type LocalQueue } from '../local/sqlite-queue.js';
import { NoLocalDataError } from './exit-errors.js';
import type { Target } from './target-types.js';

// Stands where SQS gives a move task's handle: the local move is done before moveAll returns.
const LOCAL_MOVE = 'local (done at once)';

/**
 * The local host's data file (`npm start`): its queue, dead-letter queue and applied table, through
 * the same local adapters the host uses. The file is opened for each call and closed after it, and
 * the host lock is not taken (host-lock.ts is for a host, which hands back held messages on start):
 * SQLite in WAL mode lets this run beside a running host, waiting out its writes (busy timeout).
 */
export function createLocalTarget(options: { dataDir: string; now?: () => number }): Target {
  const file = join(options.dataDir, DATA_FILE);
  const withData = async <T>(use: (queue: LocalQueue, db: LocalDatabase) => Promise<T>): Promise<T> => {
    const db = openDatabase(file);
    try {
      return await use(createLocalQueue({ db, ...(options.now ? { now: options.now } : {}) }), db);
    } finally {
      db.close();
    }
  };

  return {
    label: `local data ${options.dataDir}`,

    depth: (which) =>
      withData(async (queue) => {
        const counts = await queue.counts();
        // A dead letter waits for a person: never held, never delayed.
        return which === 'main'
          ? counts.queue
          : { visible: counts.deadLetters.total, inFlight: 0, delayed: 0 };
      }),

    countDeadLetters: ({ limit, onProgress }) =>
      withData(async (queue) => {
        const counts = emptyCounts();
        for (const view of await queue.listDeadLetters({ limit })) {
          countDeadLetter(counts, view);
          onProgress?.(counts.total);
        }
        return counts;
      }),

    listDeadLetters: ({ limit, onProgress }) =>
      withData(async (queue) => {
        const views = await queue.listDeadLetters({ limit });
        onProgress?.(views.length);
        return views;
      }),

    findDeadLetter: ({ limit, id }) =>
      withData(async (queue) =>
        (await queue.listDeadLetters({ limit })).find((view) => view.messageId === id || view.eventId === id),
      ),

    // One transaction: `limit` caps how many are moved; the rest are counted as kept.
    replaySelected: ({ filter, dryRun, limit, onProgress }) =>
      withData(async (queue) => {
        const result = await queue.replay(filter, { dryRun, limit });
        onProgress?.(result.examined);
        return result;
      }),

    // No move task locally: every dead letter goes back in one transaction, as `replay` moves them
    // (replayCount + 1, the reason dropped); there is no rate to keep to.
    moveAll: ({ dryRun }) =>
      withData(async (queue) => {
        if (dryRun) return { approximateMessages: (await queue.counts()).deadLetters.total };
        const result = await queue.replay({});
        return { approximateMessages: result.moved, taskHandle: LOCAL_MOVE };
      }),

    followMove: async (started, { onProgress }) => {
      const done = {
        status: 'COMPLETED',
        moved: started.approximateMessages,
        toMove: started.approximateMessages,
      };
      onProgress?.(done);
      return done;
    },

    followHint: () => `hr-sync dlq list --data-dir ${options.dataDir} (the move is already done)`,

    recentlyApplied: ({ count }) =>
      withData(async (_queue, db) => ({
        source: `table applied in ${file}`,
        ...readRecentlyApplied(db, count),
      })),

    latestAccessReview: () => withData((_queue, db) => createSqliteAccessReviewStore(db).read()),
  };
}

/**
 * The data directory as the host finds it: `--data-dir`, else `HR_SYNC_DATA_DIR` (environment over
 * `.env` in `cwd`), else `.hr-sync`; absolute. `exists`: the host has written its data file there.
 */
export function localDataDir(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  cwd: string,
): { dataDir: string; exists: boolean } {
  const named = flag ?? withDotEnv(env, cwd).env.HR_SYNC_DATA_DIR;
  const dataDir = resolve(cwd, named || DEFAULT_DATA_DIR);
  return { dataDir, exists: existsSync(join(dataDir, DATA_FILE)) };
}

/** `--local` or `--data-dir`: the local data, which must be there. */
export function localTargetFromFlags(
  dataDirFlag: string | undefined,
  env: Record<string, string | undefined>,
  cwd: string,
): Target {
  const { dataDir, exists } = localDataDir(dataDirFlag, env, cwd);
  if (!exists) {
    throw new NoLocalDataError(
      `no local data in ${dataDir} (no ${DATA_FILE}): start local mode with npm start (it creates it there), pass --data-dir DIR where it keeps its data (HR_SYNC_DATA_DIR), or pass --stack <name> for a deployed stack`,
      dataDir,
    );
  }
  return createLocalTarget({ dataDir });
}
