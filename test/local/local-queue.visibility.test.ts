import { afterEach, describe, expect, it } from 'vitest';
import { makeChange } from '../support/changes.js';
import { openTemp } from './support/temp-queue.js';

let temp: ReturnType<typeof openTemp>;
afterEach(() => temp.close());

describe('local queue: receive, visibility and delete', () => {
  it('returns each sent change as one record with the attributes the SQS producer sets', async () => {
    temp = openTemp();
    const change = makeChange({ eventId: 'evt-1' });
    await temp.queue.send([change, makeChange({ eventId: 'evt-2', type: 'employee.created' })]);

    const records = await temp.queue.receive(10, 30);

    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({
      messageId: expect.any(String),
      body: JSON.stringify(change),
      attributes: { provider: 'standard', eventId: 'evt-1', type: 'employee.updated' },
      receiveCount: 1,
      firstSeenAt: new Date(temp.clock.ms).toISOString(),
    });
    expect(records[1]?.attributes.eventId).toBe('evt-2');
  });

  it('hides a received message until its visibility timeout has passed, then counts the next receive', async () => {
    temp = openTemp();
    await temp.queue.send([makeChange()]);
    const firstSeenAt = new Date(temp.clock.ms).toISOString();
    const [first] = await temp.queue.receive(10, 30);

    temp.clock.advance(29_999);
    expect(await temp.queue.receive(10, 30)).toEqual([]);
    expect((await temp.queue.counts()).queue).toEqual({ visible: 0, inFlight: 1, delayed: 0 });

    temp.clock.advance(1);
    const [again] = await temp.queue.receive(10, 30);
    expect(again?.messageId).toBe(first?.messageId);
    expect(again?.receiveCount).toBe(2);
    expect(again?.firstSeenAt).toBe(firstSeenAt);
  });

  it('receives at most the number asked for, oldest first', async () => {
    temp = openTemp();
    await temp.queue.send(Array.from({ length: 5 }, (_, index) => makeChange({ eventId: `evt-${index}` })));

    const batch = await temp.queue.receive(3, 30);

    expect(batch.map((record) => record.attributes.eventId)).toEqual(['evt-0', 'evt-1', 'evt-2']);
    expect((await temp.queue.counts()).queue).toEqual({ visible: 2, inFlight: 3, delayed: 0 });
  });

  it('forgets a deleted message, and only that one', async () => {
    temp = openTemp();
    await temp.queue.send([makeChange({ eventId: 'a' }), makeChange({ eventId: 'b' })]);
    const [a, b] = await temp.queue.receive(10, 30);

    await temp.queue.delete([a?.messageId ?? '']);
    temp.clock.advance(30_000);

    const again = await temp.queue.receive(10, 30);
    expect(again.map((record) => record.messageId)).toEqual([b?.messageId]);
  });

  it('keeps what was sent across a reopen of the data file', async () => {
    temp = openTemp();
    await temp.queue.send([makeChange({ eventId: 'kept' })]);
    temp.db.close();

    const { openDatabase } = await import('../../lambda/local/database.js');
    const { createLocalQueue } = await import('../../lambda/local/sqlite-queue.js');
    const db = openDatabase(temp.file);
    try {
      const records = await createLocalQueue({ db, now: temp.clock.now }).receive(10, 30);
      expect(records.map((record) => record.attributes.eventId)).toEqual(['kept']);
    } finally {
      db.close();
    }
  });

  it('stores a change as its producer made it; a wrong one is dead-lettered at receive, naming where, and never reaches the worker', async () => {
    temp = openTemp();
    const bad = { ...makeChange({ eventId: 'bad' }), occurredAt: 'yesterday' };

    await temp.queue.send([makeChange({ eventId: 'ok' }), bad]);
    expect((await temp.queue.counts()).queue.visible).toBe(2);

    const records = await temp.queue.receive(10, 30);
    expect(records.map((record) => record.attributes.eventId)).toEqual(['ok']);
    const [dead] = await temp.queue.listDeadLetters();
    expect(dead?.errorClass).toBe('invalid-message');
    expect(dead?.attributes.errorMessage).toMatch(/is not a valid EmployeeChange v1 \(occurredAt /);
  });
});
