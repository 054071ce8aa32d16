import { afterEach, describe, expect, it } from 'vitest';
import { openTemp } from './support/temp-queue.js';

let temp: ReturnType<typeof openTemp>;
afterEach(() => temp.close());

const T = Date.parse('2026-03-01T08:00:00.000Z');

async function claim(owner: string, key = 'E1') {
  const outcome = (await temp.applied.claim([key], { owner, until: temp.clock.ms + 70_000 })).get(key);
  if (outcome?.kind !== 'claimed') throw new Error(`not claimed: ${outcome?.kind}`);
  return outcome.state;
}

describe('local applied store: what was applied per field', () => {
  it('records the user id and each field applied, and hands them to the next claim', async () => {
    temp = openTemp();
    await claim('run-a');
    await temp.applied.release(
      [{ employeeKey: 'E1', userId: 1001, fields: { first_name: { at: T, key: 'k1' } } }],
      'run-a',
    );

    expect(await claim('run-b')).toEqual({ userId: 1001, fields: { first_name: { at: T, key: 'k1' } } });
  });

  it('never moves a field back to an older change, field by field', async () => {
    temp = openTemp();
    await claim('run-a');
    await temp.applied.release(
      [
        {
          employeeKey: 'E1',
          userId: 1001,
          fields: { first_name: { at: T + 2_000, key: 'new' }, last_name: { at: T, key: 'old' } },
        },
      ],
      'run-a',
    );

    await claim('run-b');
    await temp.applied.release(
      [
        {
          employeeKey: 'E1',
          fields: { first_name: { at: T + 1_000, key: 'late' }, last_name: { at: T + 1_000, key: 'newer' } },
        },
      ],
      'run-b',
    );

    expect(await claim('run-c')).toEqual({
      userId: 1001,
      fields: { first_name: { at: T + 2_000, key: 'new' }, last_name: { at: T + 1_000, key: 'newer' } },
    });
  });

  it('lets an equal time through, so a replay rewrites the same values and a tie goes to the later writer', async () => {
    temp = openTemp();
    await claim('run-a');
    await temp.applied.release(
      [{ employeeKey: 'E1', fields: { role_id: { at: T, key: 'first' } } }],
      'run-a',
    );
    await claim('run-b');
    await temp.applied.release(
      [{ employeeKey: 'E1', fields: { role_id: { at: T, key: 'second' } } }],
      'run-b',
    );

    expect((await claim('run-c')).fields.role_id).toEqual({ at: T, key: 'second' });
  });

  it('records nothing for a run that no longer holds the lease', async () => {
    temp = openTemp();
    await claim('run-a');
    temp.clock.advance(70_001);
    await claim('run-b');

    const failed = await temp.applied.release(
      [{ employeeKey: 'E1', userId: 7, fields: { first_name: { at: T, key: 'stale-run' } } }],
      'run-a',
    );

    expect(failed.size).toBe(0);
    expect(
      (await temp.applied.claim(['E1'], { owner: 'run-c', until: temp.clock.ms + 1 })).get('E1'),
    ).toEqual({
      kind: 'busy',
    });
    await temp.applied.release([{ employeeKey: 'E1', fields: {} }], 'run-b');
    expect(await claim('run-c')).toEqual({ fields: {} });
  });
});
