import { describe, expect, it } from 'vitest';
import { itemBytes } from '../../bench/item-size.js';

describe('a DynamoDB item’s billed size', () => {
  it('counts each attribute name and value in UTF-8 bytes', () => {
    expect(itemBytes({ pk: { S: 'employee#é' } })).toBe(2 + 11);
  });

  it('counts a number as one byte per two significant digits plus one', () => {
    expect(itemBytes({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemBytes({ n: { N: '-0.5' } })).toBe(1 + 2);
  });

  it('counts a map as 3 bytes plus its contents and a byte per element', () => {
    expect(itemBytes({ m: { M: { a: { S: 'xy' }, b: { BOOL: true } } } })).toBe(
      1 + 3 + (1 + 2 + 1) + (1 + 1 + 1),
    );
  });
});
