import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteAppliedStore, readRecentlyApplied } from '../../lambda/local/applied-store.js';
import { openDatabase } from '../../lambda/local/database.js';
import { openTemp } from './support/temp-queue.js';

let temp: ReturnType<typeof openTemp> | undefined;
afterEach(() => {
  temp?.close();
  temp = undefined;
});

async function claim(owner: string, key = 'E1') {
  if (!temp) throw new Error('no store');
  const outcome = (await temp.applied.claim([key], { owner, until: temp.clock.ms + 70_000 })).get(key);
  if (outcome?.kind !== 'claimed') throw new Error(`not claimed: ${outcome?.kind}`);
  return outcome.state;
}

// The email Heymarket answered with for a user is how the worker reads that user's role when a change
// carries none (a deletion): kept with the user id, and shown nowhere.
describe('local applied store: the Heymarket email of the user', () => {
  it('is kept with the user id and handed to the next claim, and an entry without one keeps it', async () => {
    temp = openTemp();
    await claim('run-a');
    await temp.applied.release(
      [{ employeeKey: 'E1', userId: 7, userEmail: 'user7@example.test', fields: {} }],
      'run-a',
    );
    await claim('run-b');
    await temp.applied.release([{ employeeKey: 'E1', fields: {} }], 'run-b');

    expect(await claim('run-c')).toEqual({ userId: 7, userEmail: 'user7@example.test', fields: {} });
  });

  it('is not in what `hr-sync status` reads of the applied table', async () => {
    temp = openTemp();
    await claim('run-a');
    const fields = { first_name: { at: temp.clock.ms, key: 'k' } };
    await temp.applied.release(
      [{ employeeKey: 'E1', userId: 7, userEmail: 'user7@example.test', fields }],
      'run-a',
    );

    const scan = readRecentlyApplied(temp.db, 10);

    expect(scan.entries).toEqual([{ employeeKey: 'E1', userId: 7, fields }]);
    expect(JSON.stringify(scan)).not.toContain('example.test');
  });

  it('is added to a data file of schema 2 in place, its rows kept and its leavers made never to expire', async () => {
    const T = Date.parse('2026-03-01T08:00:00.000Z');
    const dir = mkdtempSync(join(tmpdir(), 'hr-sync-v2-'));
    const file = join(dir, 'hr-sync.db');
    try {
      const old = new Database(file);
      old.exec(`CREATE TABLE applied (employee_key TEXT PRIMARY KEY, user_id INTEGER, fields TEXT NOT NULL,
        lease_owner TEXT, lease_until INTEGER, expires_at INTEGER NOT NULL, terminated_at INTEGER,
        returned_at INTEGER)`);
      const insert = old.prepare(`INSERT INTO applied VALUES (?, 1001, '{}', NULL, NULL, ?, ?, ?)`);
      insert.run('left', T / 1000 + 86_400, T, null);
      insert.run('back', T / 1000 + 86_400, T, T + 1);
      old.pragma('user_version = 2');
      old.close();

      const db = openDatabase(file);
      const version = db.pragma('user_version', { simple: true });
      const expiry = db.prepare('SELECT employee_key, expires_at FROM applied ORDER BY employee_key').all();
      const store = createSqliteAppliedStore({ db, now: () => T });
      await store.claim(['back'], { owner: 'run-a', until: T + 70_000 });
      await store.release([{ employeeKey: 'back', userEmail: 'user1001@example.test', fields: {} }], 'run-a');
      const again = (await store.claim(['back'], { owner: 'run-b', until: T + 70_000 })).get('back');
      db.close();

      expect(version).toBe(3);
      expect(expiry).toEqual([
        { employee_key: 'back', expires_at: T / 1000 + 86_400 },
        { employee_key: 'left', expires_at: null },
      ]);
      expect(again).toEqual({
        kind: 'claimed',
        state: {
          userId: 1001,
          userEmail: 'user1001@example.test',
          fields: {},
          terminatedAt: T,
          returnedAt: T + 1,
        },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
