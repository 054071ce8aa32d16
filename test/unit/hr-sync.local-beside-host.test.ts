import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../lambda/local/database.js';
import { acquireHostLock, LOCK_FILE } from '../../lambda/local/host-lock.js';
import { runCli } from '../support/cli.js';
import { useLocalData } from '../support/local-data.js';

const TIMEOUT = { timeout: 30_000 };
// Longer than the CLI takes to start and reach the file (about a second), shorter than the 5 s busy
// timeout it waits for a lock with (database.ts).
const HOST_WRITE_MS = 3_000;
const data = useLocalData();

describe('hr-sync status and dlq beside a running local host', () => {
  it(
    'reads and replays while the host holds the data directory and is writing, and leaves its lock',
    TIMEOUT,
    async () => {
      // What `npm start` holds: the host lock and its own connection, here in the middle of a write.
      const lock = acquireHostLock(data.dataDir);
      const db = openDatabase(data.file);
      try {
        db.exec('BEGIN IMMEDIATE');
        const committed = new Promise<number>((resolve) =>
          setTimeout(() => {
            db.exec('COMMIT');
            resolve(Date.now());
          }, HOST_WRITE_MS),
        );
        const ended = <T>(run: Promise<T>) => run.then((result) => ({ ...result, endedAt: Date.now() }));
        const [status, replay, committedAt] = await Promise.all([
          ended(runCli(['status', '--json'], { cwd: data.cwd })),
          ended(runCli(['dlq', 'replay', '--error-class', 'heymarket-5xx', '--json'], { cwd: data.cwd })),
          committed,
        ]);
        expect(status.stderr).toBe('');
        expect(status.code).toBe(0);
        expect(JSON.parse(status.stdout).deadLetterQueue.examined).toBeGreaterThanOrEqual(3);
        expect(replay.stderr).toBe('');
        expect(replay.code).toBe(0);
        // The replay writes, so it waited for the host's write to end rather than fail with SQLITE_BUSY.
        expect(replay.endedAt).toBeGreaterThanOrEqual(committedAt);
        expect(JSON.parse(replay.stdout)).toMatchObject({
          moved: 1,
          movedByErrorClass: { 'heymarket-5xx': 1 },
        });
        expect(readFileSync(join(data.dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
      } finally {
        if (db.inTransaction) db.exec('ROLLBACK');
        db.close();
        lock.release();
      }
    },
  );
});
