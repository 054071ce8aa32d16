import { afterEach, describe, expect, it } from 'vitest';
import { openTemp } from './support/temp-queue.js';

let temp: ReturnType<typeof openTemp> | undefined;
afterEach(() => {
  temp?.close();
  temp = undefined;
});

const YEAR_2999 = Date.parse('2999-01-01T00:00:00.000Z');

// A time stored before times were bounded (or by a skewed clock) would win every comparison and
// freeze the employee: the store reads any time later than now + 5 minutes as never applied.
describe('local applied store: a stored time from the future', () => {
  it('is read as never applied and counted, and a genuine change replaces it', async () => {
    temp = openTemp();
    const T = temp.clock.ms;
    temp.db
      .prepare(
        `INSERT INTO applied (employee_key, fields, expires_at, terminated_at, returned_at)
         VALUES ('E1', ?, ?, ?, ?)`,
      )
      .run(
        JSON.stringify({
          first_name: { at: YEAR_2999, key: 'k-future' },
          last_name: { at: T - 1, key: 'k-now' },
        }),
        T / 1000 + 86_400,
        YEAR_2999,
        T + 4 * 60_000,
      );

    const claimed = (await temp.applied.claim(['E1'], { owner: 'run-a', until: T + 70_000 })).get('E1');
    await temp.applied.release(
      [{ employeeKey: 'E1', fields: { first_name: { at: T, key: 'k-new' } }, terminatedAt: T }],
      'run-a',
    );
    const next = (await temp.applied.claim(['E1'], { owner: 'run-b', until: T + 70_000 })).get('E1');

    expect(claimed).toEqual({
      kind: 'claimed',
      state: { fields: { last_name: { at: T - 1, key: 'k-now' } }, returnedAt: T + 4 * 60_000 },
      futureTimes: 2,
    });
    expect(next).toEqual({
      kind: 'claimed',
      state: {
        fields: { first_name: { at: T, key: 'k-new' }, last_name: { at: T - 1, key: 'k-now' } },
        terminatedAt: T,
        returnedAt: T + 4 * 60_000,
      },
    });
  });
});
