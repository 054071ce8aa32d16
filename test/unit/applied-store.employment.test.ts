import { describe, expect, it } from 'vitest';
import { createAppliedStore } from '../../lambda/aws/applied-store.js';
import type { AppliedEntry } from '../../lambda/core/applied.js';
import { useFakeDynamoDb } from '../support/fake-dynamodb.js';

const TABLE = 'applied';
const T = Date.parse('2026-03-01T08:00:00.000Z');
const db = useFakeDynamoDb();

const store = () => createAppliedStore({ tableName: TABLE, client: db.client, now: () => T });

/** One run: claims the employee, then lets it go with `entry`; returns what the next claim reads. */
async function runWith(key: string, entry: Omit<AppliedEntry, 'employeeKey'>) {
  const owner = `run-${Math.random()}`;
  await store().claim([key], { owner, until: T + 70_000 });
  const failed = await store().release([{ employeeKey: key, ...entry }], owner);
  expect(failed.size).toBe(0);
  const next = (await store().claim([key], { owner: `${owner}-next`, until: T + 70_000 })).get(key);
  await store().release([{ employeeKey: key, fields: {} }], `${owner}-next`);
  return next?.kind === 'claimed' ? next.state : undefined;
}

describe('the applied store over DynamoDB: terminations and returns', () => {
  it('records the newest termination and return and hands them to the next claim', async () => {
    const state = await runWith('standard#-#E1', {
      userId: 7,
      fields: {},
      terminatedAt: T,
      returnedAt: T - 1_000,
    });

    expect(state).toEqual({ userId: 7, fields: {}, terminatedAt: T, returnedAt: T - 1_000 });
    expect(db.aws.items(TABLE).get('standard#-#E1')).toMatchObject({
      terminatedAt: { N: String(T) },
      returnedAt: { N: String(T - 1_000) },
    });
  });

  it('never moves a termination or a return back to an older time', async () => {
    await runWith('standard#-#E2', { fields: {}, terminatedAt: T, returnedAt: T });
    await store().claim(['standard#-#E2'], { owner: 'late', until: T + 70_000 });

    // As for a field: the condition refuses the older times, and what is stored stands.
    const failed = await store().release(
      [{ employeeKey: 'standard#-#E2', fields: {}, terminatedAt: T - 5_000, returnedAt: T - 5_000 }],
      'late',
    );

    expect(failed.size).toBe(0);
    expect(db.aws.items(TABLE).get('standard#-#E2')).toMatchObject({
      terminatedAt: { N: String(T) },
      returnedAt: { N: String(T) },
    });
  });

  it('moves them forward, and leaves one alone when the entry does not carry it', async () => {
    await runWith('standard#-#E3', { fields: {}, terminatedAt: T });

    const state = await runWith('standard#-#E3', { fields: {}, returnedAt: T + 60_000 });

    expect(state).toMatchObject({ terminatedAt: T, returnedAt: T + 60_000 });
  });
});
