import { afterEach, describe, expect, it } from 'vitest';
import type { DeadLetterReason } from '../../lambda/core/dead-letter.js';
import { makeChange } from '../support/changes.js';
import { openTemp } from './support/temp-queue.js';

let temp: ReturnType<typeof openTemp>;
afterEach(() => temp.close());

const reason = (errorClass: string): DeadLetterReason => ({
  errorClass,
  message: `failed with ${errorClass}`,
  attempt: 1,
  firstSeenAt: '2026-03-01T09:00:00.000Z',
  requestId: 'req-1',
});

/** One message per error class, dead-lettered by the worker through the queue. */
async function deadLetter(classes: Record<string, string>) {
  for (const [eventId, errorClass] of Object.entries(classes)) {
    await temp.queue.send([makeChange({ eventId, employee: { id: `E-${eventId}` } })]);
    const [record] = await temp.queue.receive(1, 30);
    if (!record) throw new Error('no record');
    await temp.queue.deadLetter(record, reason(errorClass));
  }
}

describe('local queue: replay from the dead-letter queue', () => {
  it('sends back only what the filter selects, with replayCount + 1 and the stale reason dropped', async () => {
    temp = openTemp();
    await deadLetter({ a: 'heymarket-5xx', b: 'unknown-email' });

    const result = await temp.queue.replay({ transientOnly: true });

    expect(result).toEqual({
      examined: 2,
      moved: 1,
      kept: 1,
      failed: 0,
      notDeleted: 0,
      movedByErrorClass: { 'heymarket-5xx': 1 },
    });
    const [replayed] = await temp.queue.receive(10, 30);
    expect(replayed?.attributes).toEqual({
      provider: 'standard',
      eventId: 'a',
      type: 'employee.updated',
      replayCount: '1',
    });
    expect(replayed?.receiveCount).toBe(1);
    expect((await temp.queue.listDeadLetters()).map((view) => view.errorClass)).toEqual(['unknown-email']);
  });

  it('counts replays across trips, so maxReplays leaves a message that has had its share', async () => {
    temp = openTemp();
    await deadLetter({ a: 'heymarket-429' });
    await temp.queue.replay({});
    const [back] = await temp.queue.receive(1, 30);
    if (!back) throw new Error('no record');
    await temp.queue.deadLetter(back, reason('heymarket-429'));

    expect((await temp.queue.listDeadLetters())[0]?.replayCount).toBe(1);
    expect((await temp.queue.replay({ maxReplays: 1 })).moved).toBe(0);
    expect((await temp.queue.replay({ maxReplays: 2 })).moved).toBe(1);
    const [again] = await temp.queue.receive(1, 30);
    expect(again?.attributes.replayCount).toBe('2');
  });

  it('selects by error class, provider and employee, and a dry run moves nothing', async () => {
    temp = openTemp();
    await deadLetter({ a: 'unknown-email', b: 'unknown-email', c: 'heymarket-400' });

    const dry = await temp.queue.replay({ errorClass: 'unknown-email', employeeId: 'E-b' }, { dryRun: true });
    expect(dry).toMatchObject({ examined: 3, moved: 1, kept: 2 });
    expect((await temp.queue.counts()).deadLetters.total).toBe(3);

    const real = await temp.queue.replay({ errorClass: 'unknown-email', provider: 'standard' });
    expect(real).toMatchObject({ moved: 2, kept: 1 });
    expect((await temp.queue.receive(10, 30)).map((record) => record.attributes.eventId)).toEqual(['a', 'b']);
  });
});
