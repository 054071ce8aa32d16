import { afterEach, describe, expect, it } from 'vitest';
import { makeChange } from '../support/changes.js';
import { openTemp } from './support/temp-queue.js';

let temp: ReturnType<typeof openTemp>;
afterEach(() => temp.close());

describe('local queue: redrive to the dead-letter queue after maxReceiveCount', () => {
  it('delivers a message five times and moves it to the DLQ on the sixth receive, attributes unchanged and no reason', async () => {
    temp = openTemp();
    await temp.queue.send([makeChange({ eventId: 'evt-stuck' })]);
    const counts: number[] = [];
    for (let receive = 0; receive < 5; receive += 1) {
      const [record] = await temp.queue.receive(10, 30);
      counts.push(record?.receiveCount ?? 0);
      temp.clock.advance(30_000);
    }

    expect(counts).toEqual([1, 2, 3, 4, 5]);
    expect(await temp.queue.receive(10, 30)).toEqual([]);
    const [dead] = await temp.queue.listDeadLetters();
    expect(dead).toMatchObject({
      errorClass: undefined,
      eventId: 'evt-stuck',
      provider: 'standard',
      attributes: { provider: 'standard', eventId: 'evt-stuck', type: 'employee.updated' },
    });
    expect(await temp.queue.counts()).toEqual({
      queue: { visible: 0, inFlight: 0, delayed: 0 },
      deadLetters: { total: 1, byErrorClass: { '(none: maxReceiveCount)': 1 }, byProvider: { standard: 1 } },
    });
  });

  it('fills the batch with the next visible messages when one is moved to the DLQ', async () => {
    temp = openTemp();
    await temp.queue.send([makeChange({ eventId: 'old' })]);
    for (let receive = 0; receive < 5; receive += 1) {
      await temp.queue.receive(1, 30);
      temp.clock.advance(30_000);
    }
    await temp.queue.send([makeChange({ eventId: 'new-1' }), makeChange({ eventId: 'new-2' })]);

    const batch = await temp.queue.receive(2, 30);

    expect(batch.map((record) => record.attributes.eventId)).toEqual(['new-1', 'new-2']);
  });

  it('writes the reason attributes as the SQS DLQ writer does when the worker dead-letters a message', async () => {
    temp = openTemp();
    await temp.queue.send([makeChange({ eventId: 'evt-unknown' })]);
    const [record] = await temp.queue.receive(10, 30);
    if (!record) throw new Error('no record');

    await temp.queue.deadLetter(record, {
      errorClass: 'unknown-email',
      message: 'no Heymarket user has the work email of employee E1',
      attempt: record.receiveCount,
      firstSeenAt: record.firstSeenAt,
      requestId: 'req-42',
    });

    const [dead] = await temp.queue.listDeadLetters();
    expect(dead?.attributes).toEqual({
      provider: 'standard',
      eventId: 'evt-unknown',
      type: 'employee.updated',
      errorClass: 'unknown-email',
      errorMessage: 'no Heymarket user has the work email of employee E1',
      failedAt: new Date(temp.clock.ms).toISOString(),
      firstSeenAt: record.firstSeenAt,
      requestId: 'req-42',
      attempt: '1',
    });
    // Moved in the same commit: the main queue no longer holds it.
    temp.clock.advance(60_000);
    expect(await temp.queue.receive(10, 30)).toEqual([]);
    expect((await temp.queue.counts()).queue).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });
});
