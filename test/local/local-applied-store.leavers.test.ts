import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteAppliedStore } from '../../lambda/local/applied-store.js';
import { openDatabase } from '../../lambda/local/database.js';
import { openTemp } from './support/temp-queue.js';

let temp: ReturnType<typeof openTemp> | undefined;
afterEach(() => {
  temp?.close();
  temp = undefined;
});

const T = Date.parse('2026-03-01T08:00:00.000Z');

async function claim(owner: string, key = 'E1') {
  if (!temp) throw new Error('no store');
  const outcome = (await temp.applied.claim([key], { owner, until: temp.clock.ms + 70_000 })).get(key);
  if (outcome?.kind !== 'claimed') throw new Error(`not claimed: ${outcome?.kind}`);
  return outcome.state;
}

describe('local applied store: terminations and returns', () => {
  it('records the newest termination and return and hands them to the next claim', async () => {
    temp = openTemp();
    await claim('run-a');
    await temp.applied.release([{ employeeKey: 'E1', userId: 1001, fields: {}, terminatedAt: T }], 'run-a');

    expect(await claim('run-b')).toEqual({ userId: 1001, fields: {}, terminatedAt: T });
  });

  it('never moves a termination or a return back to an older time, and keeps one the entry does not carry', async () => {
    temp = openTemp();
    await claim('run-a');
    await temp.applied.release([{ employeeKey: 'E1', fields: {}, terminatedAt: T, returnedAt: T }], 'run-a');
    await claim('run-b');
    await temp.applied.release([{ employeeKey: 'E1', fields: {}, terminatedAt: T - 5_000 }], 'run-b');

    expect(await claim('run-c')).toEqual({ fields: {}, terminatedAt: T, returnedAt: T });
  });

  it('upgrades a data file written before employment times were kept, keeping its rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hr-sync-v1-'));
    const file = join(dir, 'hr-sync.db');
    try {
      const old = new Database(file);
      old.exec(`CREATE TABLE applied (employee_key TEXT PRIMARY KEY, user_id INTEGER, fields TEXT NOT NULL,
        lease_owner TEXT, lease_until INTEGER, expires_at INTEGER NOT NULL)`);
      old.prepare(`INSERT INTO applied VALUES ('E1', 1001, '{}', NULL, NULL, ?)`).run(T / 1000 + 86_400);
      old.pragma('user_version = 1');
      old.close();

      const db = openDatabase(file);
      const store = createSqliteAppliedStore({ db, now: () => T });
      const outcome = (await store.claim(['E1'], { owner: 'run-a', until: T + 70_000 })).get('E1');
      await store.release([{ employeeKey: 'E1', fields: {}, terminatedAt: T }], 'run-a');
      const again = (await store.claim(['E1'], { owner: 'run-b', until: T + 70_000 })).get('E1');
      db.close();

      expect(outcome).toEqual({ kind: 'claimed', state: { userId: 1001, fields: {} } });
      expect(again).toEqual({ kind: 'claimed', state: { userId: 1001, fields: {}, terminatedAt: T } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
