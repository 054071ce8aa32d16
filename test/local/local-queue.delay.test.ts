import { afterEach, describe, expect, it } from 'vitest';
import { makeChange } from '../support/changes.js';
import { openTemp } from './support/temp-queue.js';

let temp: ReturnType<typeof openTemp>;
afterEach(() => temp.close());

describe("local queue: the worker's per-message backoff", () => {
  it('hides a retried message for the delay given, from now, instead of the visibility timeout', async () => {
    temp = openTemp();
    await temp.queue.send([makeChange()]);
    const [record] = await temp.queue.receive(10, 365);

    await temp.queue.delay(record?.messageId ?? '', 120);

    temp.clock.advance(119_999);
    expect(await temp.queue.receive(10, 365)).toEqual([]);
    expect((await temp.queue.counts()).queue).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    temp.clock.advance(1);
    const [again] = await temp.queue.receive(10, 365);
    expect(again?.receiveCount).toBe(2);
  });

  it('makes a message visible at once with a delay of 0', async () => {
    temp = openTemp();
    await temp.queue.send([makeChange()]);
    const [record] = await temp.queue.receive(10, 365);

    await temp.queue.delay(record?.messageId ?? '', 0);

    expect(await temp.queue.receive(10, 365)).toHaveLength(1);
  });

  it('hands back at once what a killed run was holding, but not what is backing off', async () => {
    temp = openTemp();
    await temp.queue.send([makeChange({ eventId: 'held' }), makeChange({ eventId: 'backing-off' })]);
    const [, backingOff] = await temp.queue.receive(10, 365);
    await temp.queue.delay(backingOff?.messageId ?? '', 600);

    expect(await temp.queue.recoverHeld()).toBe(1);

    const records = await temp.queue.receive(10, 365);
    expect(records.map((record) => record.attributes.eventId)).toEqual(['held']);
  });
});
