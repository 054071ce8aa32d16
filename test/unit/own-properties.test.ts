import { describe, expect, it } from 'vitest';
import { toMessageAttributes } from '../../lambda/aws/message-attributes.js';
import { countDeadLetter, emptyCounts } from '../../lambda/core/dead-letter-counts.js';
import { addCount, ownValue } from '../../lambda/core/own-property.js';
import { viewOf } from '../../lambda/core/redrive-selection.js';
import { readField } from '../../lambda/providers/hibob/api.js';
import { count } from '../../lambda/service/sync-summary.js';

const BUILT_INS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

// A key from outside (a queue attribute, an HR record's field, a webhook's event name) finds only
// what the table holds itself, never what every object inherits.
describe('lookups by a key from outside', () => {
  it.each(BUILT_INS)('find nothing for %s in a table that does not hold it', (key) => {
    expect(ownValue({ known: 1 }, key)).toBeUndefined();
    expect(ownValue(JSON.parse(`{"${key}": 5}`), key)).toBe(5);
  });

  it.each(BUILT_INS)('count %s as a key like any other', (key) => {
    const tally: Record<string, number> = {};
    addCount(tally, key);
    addCount(tally, key, 2);
    expect(Object.getPrototypeOf(tally)).toBe(Object.prototype);
    expect(Object.hasOwn(tally, key)).toBe(true);
    expect(JSON.parse(JSON.stringify(tally))).toEqual(JSON.parse(`{"${key}": 3}`));
  });

  it.each(BUILT_INS)('count a batch outcome named %s in the sync summary as its own key', (key) => {
    const tally: Record<string, number> = {};
    count(tally, key);
    count(tally, key);
    expect(Object.getPrototypeOf(tally)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(tally))).toEqual(JSON.parse(`{"${key}": 2}`));
  });

  it('count dead letters whose error class or provider is named like a built-in', () => {
    const counts = emptyCounts();
    for (const errorClass of [...BUILT_INS, 'constructor']) {
      const body = JSON.stringify({ provider: 'standard', eventId: 'e', employee: { id: 'E1' } });
      countDeadLetter(
        counts,
        viewOf({ messageId: 'm', body, attributes: { errorClass, provider: 'toString' } }),
      );
    }
    expect(counts.total).toBe(6);
    // JSON, not an object literal: `{ __proto__: 1 }` in code would set a prototype, not a key.
    expect(JSON.parse(JSON.stringify(counts.byErrorClass))).toEqual(
      JSON.parse('{"__proto__":1,"constructor":2,"toString":1,"hasOwnProperty":1,"valueOf":1}'),
    );
    expect(JSON.parse(JSON.stringify(counts.byProvider))).toEqual({ toString: 6 });
  });

  it('replay an attribute named like a built-in as the String it was', () => {
    expect(toMessageAttributes({ constructor: 'x', toString: 'y' }, [], {})).toEqual({
      constructor: { DataType: 'String', StringValue: 'x' },
      toString: { DataType: 'String', StringValue: 'y' },
    });
  });

  it('read no HiBob field that the record does not hold itself', () => {
    expect(readField({ work: { title: 'Engineer' } }, 'work.constructor', false)).toBeUndefined();
    expect(readField({}, 'root.toString', false)).toBeUndefined();
    expect(readField({ '/work/title': 'Engineer' }, 'work.title', false)).toBe('Engineer');
  });
});
