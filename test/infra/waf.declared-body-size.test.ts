import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalAbove } from '../../infra/waf.js';
import { MAX_BODY_BYTES } from '../../lambda/service/receive.js';

// WAF compares a header as text: the rule's regular expression must match exactly the lengths over
// the receiver's limit. Checked here with JavaScript's engine, whose syntax for these constructs
// (anchors, classes, counted repeats, alternation) is the same as WAF's PCRE.
const pattern = decimalAbove(MAX_BODY_BYTES);
const over = new RegExp(pattern);

describe('the declared body size rule', () => {
  it('matches a Content-Length one byte over the limit, and not the limit itself', () => {
    expect(over.test(String(MAX_BODY_BYTES + 1))).toBe(true);
    expect(over.test(String(MAX_BODY_BYTES))).toBe(false);
    expect(over.test('0')).toBe(false);
    expect(over.test('10485760')).toBe(true);
    expect(over.test('0000262145')).toBe(true);
    expect(over.test('000262144')).toBe(false);
  });

  it('matches exactly the whole numbers over the limit, whatever their size', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat({ max: 2 * MAX_BODY_BYTES }), fc.maxSafeNat()), (length) => {
        expect(over.test(String(length))).toBe(length > MAX_BODY_BYTES);
      }),
      { numRuns: 5_000 },
    );
  });

  it('works for any limit, including ones with nines and zeros', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 20_000_000 }), (limit, length) => {
        const above = new RegExp(decimalAbove(limit));
        expect(above.test(String(length))).toBe(length > limit);
        expect(above.test(String(limit + 1))).toBe(true);
        expect(above.test(String(limit))).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it('never matches what is not a plain number (a sign, a space, a decimal point)', () => {
    for (const text of ['-300000', '+300000', ' 300000', '300000 ', '300000.0', '3e6', '', 'abc']) {
      expect(over.test(text), text).toBe(false);
    }
  });

  it("fits WAF's 200-character limit for a regular expression", () => {
    expect(pattern.length).toBeLessThanOrEqual(200);
  });
});
