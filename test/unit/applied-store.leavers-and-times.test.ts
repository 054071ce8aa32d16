import { describe, expect, it } from 'vitest';
import { scanRecentlyApplied } from '../../lambda/aws/applied-scan.js';
import { createAppliedStore } from '../../lambda/aws/applied-store.js';
import type { AppliedEntry } from '../../lambda/core/applied.js';
import { useFakeDynamoDb } from '../support/fake-dynamodb.js';

const TABLE = 'applied';
const T = Date.parse('2026-03-01T08:00:00.000Z');
const YEAR_2999 = Date.parse('2999-01-01T00:00:00.000Z');
const db = useFakeDynamoDb();

const store = () => createAppliedStore({ tableName: TABLE, client: db.client, now: () => T });

async function run(key: string, entry: Omit<AppliedEntry, 'employeeKey'>) {
  const owner = `run-${Math.random()}`;
  const claimed = (await store().claim([key], { owner, until: T + 70_000 })).get(key);
  const failed = await store().release([{ employeeKey: key, ...entry }], owner);
  expect(failed.size).toBe(0);
  return claimed;
}

describe('the applied store over DynamoDB: leavers, Heymarket emails and times from the future', () => {
  it('removes the expiry of a leaver, whose termination must outlive any silence, and gives it back on return', async () => {
    await run('standard#-#L1', { fields: {}, terminatedAt: T });
    expect(db.aws.items(TABLE).get('standard#-#L1')?.expiresAt).toBeUndefined();

    // A later run that learns nothing new carries the stored times (see AppliedLedger.hold).
    await run('standard#-#L1', { fields: {}, terminatedAt: T });
    expect(db.aws.items(TABLE).get('standard#-#L1')?.expiresAt).toBeUndefined();

    await run('standard#-#L1', { fields: {}, terminatedAt: T, returnedAt: T + 1_000 });
    expect(db.aws.items(TABLE).get('standard#-#L1')?.expiresAt).toBeDefined();
  });

  it('keeps the Heymarket email with the user id and hands it to the next claim', async () => {
    await run('standard#-#M1', { userId: 7, userEmail: 'user7@example.test', fields: {} });

    const claimed = await run('standard#-#M1', { fields: {} });

    expect(claimed).toEqual({
      kind: 'claimed',
      state: { userId: 7, userEmail: 'user7@example.test', fields: {} },
    });
  });

  it('never shows the Heymarket email in what `hr-sync status` reads of the table', async () => {
    const fields = { first_name: { at: T, key: 'k' } };
    await run('standard#-#M2', { userId: 8, userEmail: 'user8@example.test', fields });

    const scan = await scanRecentlyApplied({
      client: db.client,
      tableName: TABLE,
      pageSize: 100,
      count: 100,
    });

    expect(scan.entries).toContainEqual({ employeeKey: 'standard#-#M2', userId: 8, fields });
    expect(JSON.stringify(scan)).not.toContain('example.test');
  });

  it('reads a stored time later than now + 5 minutes as never applied, counts it, and lets a genuine change replace it', async () => {
    await run('standard#-#F1', {
      fields: { first_name: { at: YEAR_2999, key: 'k-future' } },
      terminatedAt: YEAR_2999,
    });

    const claimed = await run('standard#-#F1', {
      fields: { first_name: { at: T, key: 'k-new' } },
      terminatedAt: T,
    });
    const next = await run('standard#-#F1', { fields: {} });

    expect(claimed).toEqual({ kind: 'claimed', state: { fields: {} }, futureTimes: 2 });
    expect(next).toEqual({
      kind: 'claimed',
      state: { fields: { first_name: { at: T, key: 'k-new' } }, terminatedAt: T },
    });
  });
});
