import { afterEach, describe, expect, it } from 'vitest';
import { type FakeHiBob, hibobClientFor, PEOPLE, startFakeHiBob } from '../support/fake-hibob.js';
import { thinChange } from '../support/hr-client-calls.js';

const MARGARET = '3332883884017713238';
// Margaret's record, as the fake holds it, was written at 2026-02-01T09:00:00.250 (HiBob time, UTC).
const WRITTEN = Date.parse('2026-02-01T09:00:00.250Z');

const eventAt = (occurredMs: number, eventId: string, id = MARGARET) =>
  thinChange('hibob', id, { occurredAt: new Date(occurredMs).toISOString(), eventId });

/**
 * A batch's thin HiBob events of one employee share one read (`fetchEmployees`), and each event is
 * still judged on its own against that record, as if it had been read for it alone.
 */
describe("HiBob's read of one employee for several events", () => {
  let fake: FakeHiBob;
  afterEach(() => fake?.close());

  it('reads once and refuses only the event the record is older than', async () => {
    fake = await startFakeHiBob({ people: PEOPLE });
    const now = WRITTEN + 13_000;
    const { client } = hibobClientFor(fake, { now: () => now });
    const before = eventAt(WRITTEN - 5_000, 'evt-before');
    const after = eventAt(WRITTEN + 10_000, 'evt-after');

    const [first, second] = await client.fetchEmployees([before, after], { deadline: now + 60_000 });

    expect(fake.requests).toHaveLength(1);
    expect(first).toMatchObject({ employee: { id: MARGARET } });
    expect(second).toMatchObject({ error: { kind: 'transient', code: 'hr-stale-read' } });
  });

  it('answers a 404 per event: a fresh event may wait for HiBob, an old one is gone', async () => {
    fake = await startFakeHiBob({ people: PEOPLE });
    const now = Date.parse('2026-02-06T10:00:00.000Z');
    const { client } = hibobClientFor(fake, { now: () => now });
    const old = eventAt(now - 3_600_000, 'evt-old', '999');
    const fresh = eventAt(now - 2_000, 'evt-fresh', '999');

    const reads = await client.fetchEmployees([old, fresh], { deadline: now + 60_000 });

    expect(fake.requests).toHaveLength(1);
    expect(reads).toMatchObject([
      { error: { kind: 'permanent', code: 'employee-not-found' } },
      { error: { kind: 'transient', code: 'hr-stale-read' } },
    ]);
  });
});
