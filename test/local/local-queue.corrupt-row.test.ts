import { afterEach, describe, expect, it } from 'vitest';
import { makeChange } from '../support/changes.js';
import { openTemp } from './support/temp-queue.js';

let temp: ReturnType<typeof openTemp>;
afterEach(() => temp.close());

describe('local queue: a corrupt row read back', () => {
  it('is dead-lettered with a reason that says where it is wrong, and the rest of the batch is delivered', async () => {
    temp = openTemp();
    await temp.queue.send([
      makeChange({ eventId: 'good-1' }),
      makeChange({ eventId: 'bad' }),
      makeChange({ eventId: 'good-2' }),
    ]);
    const corrupted = {
      ...makeChange({ eventId: 'bad' }),
      employee: { id: 'E1', workEmail: 'not-an-email' },
    };
    temp.db
      .prepare("UPDATE messages SET body = ? WHERE json_extract(attributes, '$.eventId') = 'bad'")
      .run(JSON.stringify(corrupted));

    const records = await temp.queue.receive(10, 30);

    expect(records.map((record) => record.attributes.eventId)).toEqual(['good-1', 'good-2']);
    const [dead] = await temp.queue.listDeadLetters();
    expect(dead?.errorClass).toBe('invalid-message');
    expect(dead?.attributes.errorMessage).toMatch(/is not a valid EmployeeChange v1 \(employee\.workEmail /);
    expect(dead?.attributes.errorMessage).not.toContain('not-an-email');
    expect(dead?.attributes.eventId).toBe('bad');
  });

  it('is dead-lettered when the body is not JSON or the attributes are unreadable', async () => {
    temp = openTemp();
    await temp.queue.send([makeChange({ eventId: 'a' }), makeChange({ eventId: 'b' })]);
    temp.db.prepare("UPDATE messages SET body = '{truncated' WHERE seq = 1").run();
    temp.db.prepare("UPDATE messages SET attributes = '[1, 2]' WHERE seq = 2").run();

    expect(await temp.queue.receive(10, 30)).toEqual([]);

    const messages = (await temp.queue.listDeadLetters()).map((view) => view.attributes.errorMessage);
    expect(messages).toEqual([
      expect.stringMatching(/ is not JSON$/),
      expect.stringMatching(/ has attributes that are not readable$/),
    ]);
    expect((await temp.queue.counts()).deadLetters.byErrorClass).toEqual({ 'invalid-message': 2 });
  });

  it('does not stop the queue when a row has a column of the wrong type', async () => {
    temp = openTemp();
    await temp.queue.send([makeChange({ eventId: 'a' }), makeChange({ eventId: 'b' })]);
    temp.db.prepare("UPDATE messages SET receive_count = 'many' WHERE seq = 1").run();

    const records = await temp.queue.receive(10, 30);

    expect(records.map((record) => record.attributes.eventId)).toEqual(['b']);
    expect((await temp.queue.listDeadLetters())[0]?.attributes.errorMessage).toMatch(
      /is not a readable queue row/,
    );
  });
});
