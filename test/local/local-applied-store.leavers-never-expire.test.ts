import { afterEach, describe, expect, it } from 'vitest';
import { APPLIED_STATE_TTL_SECONDS } from '../../lambda/core/applied.js';
import { openTemp } from './support/temp-queue.js';

let temp: ReturnType<typeof openTemp> | undefined;
afterEach(() => {
  temp?.close();
  temp = undefined;
});

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

async function run(entry: { terminatedAt?: number; returnedAt?: number }, owner: string, key = 'E1') {
  if (!temp) throw new Error('no store');
  await temp.applied.claim([key], { owner, until: temp.clock.ms + 70_000 });
  await temp.applied.release([{ employeeKey: key, fields: {}, ...entry }], owner);
}

function expiry(key: string): number | null {
  if (!temp) throw new Error('no store');
  const row = temp.db.prepare('SELECT expires_at FROM applied WHERE employee_key = ?').get(key);
  return (row as { expires_at: number | null }).expires_at;
}

// A termination kept in a record that expires would give the leaver's role back after 30 quiet days.
describe('local applied store: a leaver is remembered for good', () => {
  it('keeps a terminated employee after a year of silence, and lets a returned one expire', async () => {
    temp = openTemp();
    const T = temp.clock.ms;
    await run({ terminatedAt: T }, 'run-a', 'left');
    await run({ terminatedAt: T, returnedAt: T + 1 }, 'run-b', 'back');

    temp.clock.advance(YEAR_MS);
    const { expired } = await temp.applied.recover();

    expect(expired).toBe(1);
    expect(expiry('left')).toBeNull();
    expect(temp.db.prepare("SELECT 1 FROM applied WHERE employee_key = 'back'").get()).toBeUndefined();
  });

  it('keeps the leaver unexpiring through a later claim, and gives an expiry back once they return', async () => {
    temp = openTemp();
    const T = temp.clock.ms;
    await run({ terminatedAt: T }, 'run-a');
    await temp.applied.claim(['E1'], { owner: 'run-b', until: T + 70_000 });
    expect(expiry('E1')).toBeNull();
    await temp.applied.release([{ employeeKey: 'E1', fields: {} }], 'run-b');
    expect(expiry('E1')).toBeNull();

    await run({ returnedAt: T + 1_000 }, 'run-c');

    expect(expiry('E1')).toBe(Math.floor(T / 1000) + APPLIED_STATE_TTL_SECONDS);
  });
});
