import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeHiBob,
  type FakeHiBobOptions,
  HAMILTON,
  hibobClientFor,
  PEOPLE,
  startFakeHiBob,
} from '../support/fake-hibob.js';
import { failure, thinChange } from '../support/hr-client-calls.js';

const MARGARET = '3332883884017713238';
// Margaret's record, as the fake holds it, was written at 2026-02-01T09:00:00.250 (HiBob time, UTC).
const WRITTEN = Date.parse('2026-02-01T09:00:00.250Z');

const changeAt = (occurredMs: number) =>
  thinChange('hibob', MARGARET, { occurredAt: new Date(occurredMs).toISOString(), eventId: 'evt-stale-1' });

// HiBob may answer with the record as it was before the write that raised the event, for up to ~20 s
// (https://apidocs.hibob.com): the change must come back later rather than apply old data.
describe("HiBob's read-after-write lag", () => {
  let fake: FakeHiBob;
  const start = async (options: FakeHiBobOptions = {}) => {
    fake = await startFakeHiBob({ people: PEOPLE, ...options });
  };
  afterEach(() => fake?.close());

  it('refuses, transiently, a record last written well before the event', async () => {
    await start();
    const occurred = WRITTEN + 10_000;
    const { client, logs } = hibobClientFor(fake, { now: () => occurred + 3_000 });
    const error = await failure(client.fetchEmployee(changeAt(occurred), { deadline: occurred + 60_000 }));
    expect(error).toMatchObject({
      kind: 'transient',
      code: 'hr-stale-read',
      details: { retryAfterMs: 17_000 },
    });
    expect(error.message).toBe(
      `HiBob answered employee ${MARGARET} as it was 10000 ms before event evt-stale-1: read-after-write lag, retry later`,
    );
    expect(fake.requests).toHaveLength(1);
    expect(logs).toContainEqual({
      level: 'info',
      message: 'hibob record older than its event',
      attributes: { employeeId: MARGARET, eventId: 'evt-stale-1', behindMs: 10_000 },
    });
  });

  it('succeeds on redelivery once HiBob shows the write', async () => {
    await start();
    const occurred = WRITTEN + 10_000;
    let clock = occurred + 3_000;
    const { client } = hibobClientFor(fake, { now: () => clock });
    await expect(
      client.fetchEmployee(changeAt(occurred), { deadline: clock + 60_000 }),
    ).rejects.toMatchObject({
      code: 'hr-stale-read',
    });
    const person = fake.people.get(MARGARET);
    if (person)
      Object.assign(person, {
        modifiedAt: '2026-02-01T09:00:10.100000',
        title: { id: '1', name: 'Director' },
      });
    clock += 30_000;
    const employee = await client.fetchEmployee(changeAt(occurred), { deadline: clock + 60_000 });
    expect(employee.jobTitle).toBe('Director');
  });

  it('takes a record written just before the event (within the tolerance) as fresh', async () => {
    await start();
    const occurred = WRITTEN + 4_000;
    const { client } = hibobClientFor(fake, { now: () => occurred + 1_000 });
    expect((await client.fetchEmployee(changeAt(occurred), { deadline: occurred + 60_000 })).id).toBe(
      MARGARET,
    );
  });

  it('takes a record written after the event as fresh', async () => {
    await start();
    const occurred = WRITTEN - 60_000;
    const { client } = hibobClientFor(fake, { now: () => WRITTEN + 1_000 });
    expect((await client.fetchEmployee(changeAt(occurred), { deadline: WRITTEN + 60_000 })).id).toBe(
      MARGARET,
    );
  });

  it('uses an older record as it is once the window has passed, and says so', async () => {
    await start();
    const occurred = WRITTEN + 10_000;
    const { client, logs } = hibobClientFor(fake, { now: () => occurred + 120_000 });
    const employee = await client.fetchEmployee(changeAt(occurred), { deadline: occurred + 180_000 });
    expect(employee.id).toBe(MARGARET);
    expect(logs).toContainEqual({
      level: 'warn',
      message: 'hibob record older than its event, used as it is',
      attributes: { employeeId: MARGARET, eventId: 'evt-stale-1', behindMs: 10_000 },
    });
  });

  it('is not checked when staleReadWindowSeconds is 0', async () => {
    await start();
    const occurred = WRITTEN + 10_000;
    const { client } = hibobClientFor(fake, {
      now: () => occurred + 1_000,
      settings: { staleReadWindowSeconds: 0 },
    });
    expect((await client.fetchEmployee(changeAt(occurred), { deadline: occurred + 60_000 })).id).toBe(
      MARGARET,
    );
  });

  it('is detected when HiBob answers the time under root.modificationDateTime instead', async () => {
    await start({ modificationField: 'root.modificationDateTime', shape: 'slash' });
    const occurred = WRITTEN + 10_000;
    const { client } = hibobClientFor(fake, { now: () => occurred + 1_000 });
    await expect(
      client.fetchEmployee(changeAt(occurred), { deadline: occurred + 60_000 }),
    ).rejects.toMatchObject({
      code: 'hr-stale-read',
    });
  });

  it('waits, when HiBob answers no modification time, until 30 s after the event was received', async () => {
    await start({ modificationField: 'root.someOtherField' });
    const occurred = WRITTEN + 10_000;
    const { client, logs } = hibobClientFor(fake, { now: () => occurred + 1_000 });
    const error = await failure(client.fetchEmployee(changeAt(occurred), { deadline: occurred + 60_000 }));
    expect(error).toMatchObject({
      kind: 'transient',
      code: 'hr-stale-read',
      details: { retryAfterMs: 29_000 },
    });
    expect(logs).toContainEqual({
      level: 'info',
      message: 'hibob record read before it settled',
      attributes: { employeeId: MARGARET, eventId: 'evt-stale-1', waitMs: 29_000 },
    });
  });

  it('uses a record without a modification time once 30 s have passed since the event was received', async () => {
    await start({ modificationField: 'root.someOtherField' });
    const occurred = WRITTEN + 10_000;
    const { client } = hibobClientFor(fake, { now: () => occurred + 30_000 });
    expect((await client.fetchEmployee(changeAt(occurred), { deadline: occurred + 90_000 })).id).toBe(
      MARGARET,
    );
  });

  it('treats a bare date as no modification time: it cannot order a write', async () => {
    await start({ people: [{ ...HAMILTON, modifiedAt: '2026-01-31' }] });
    const occurred = WRITTEN + 10_000;
    const { client } = hibobClientFor(fake, { now: () => occurred + 1_000 });
    await expect(
      client.fetchEmployee(changeAt(occurred), { deadline: occurred + 60_000 }),
    ).rejects.toMatchObject({ code: 'hr-stale-read', details: { retryAfterMs: 29_000 } });
  });
});
