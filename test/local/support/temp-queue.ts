import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteAppliedStore } from '../../../lambda/local/applied-store.js';
import { type LocalDatabase, openDatabase } from '../../../lambda/local/database.js';
import { createLocalQueue } from '../../../lambda/local/sqlite-queue.js';

/** A scratch data directory; `remove` deletes it. */
export function tempDir(prefix = 'hr-sync-local-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.parse('2026-03-01T09:00:00.000Z')) {
  const clock = { ms: start, now: () => clock.ms, advance: (ms: number) => (clock.ms += ms) };
  return clock;
}

/** The queue and the applied store over a fresh data file in a temp dir, on a manual clock. */
export function openTemp() {
  const dir = tempDir();
  const clock = manualClock();
  const file = join(dir.path, 'hr-sync.db');
  const db: LocalDatabase = openDatabase(file);
  let ids = 0;
  const queue = createLocalQueue({ db, now: clock.now, newId: () => `m-${++ids}` });
  const applied = createSqliteAppliedStore({ db, now: clock.now });
  return {
    db,
    file,
    clock,
    queue,
    applied,
    close: () => {
      if (db.open) db.close();
      dir.remove();
    },
  };
}
