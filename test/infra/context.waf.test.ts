import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ContextError, readAppContext } from '../../infra/context.js';

const read = (value: unknown) =>
  readAppContext(new App({ context: { wafRateLimitPer5Min: value } }).node).wafRateLimitPer5Min;

describe('CDK context wafRateLimitPer5Min', () => {
  it('is off unless given', () => {
    expect(read(undefined)).toBeUndefined();
    expect(read('')).toBeUndefined();
  });

  it('takes a whole number from -c (text) or cdk.json (a number), within WAF range', () => {
    expect(read('2000')).toBe(2000);
    expect(read(' 500 ')).toBe(500);
    expect(read(10)).toBe(10);
    expect(read(2_000_000_000)).toBe(2_000_000_000);
  });

  it.each([
    ['below WAF minimum of 10', 9],
    ['zero', '0'],
    ['negative', -100],
    ['fractional', 150.5],
    ['fractional text', '150.5'],
    ['not a number', 'lots'],
    ['above WAF maximum', 2_000_000_001],
    ['a boolean', true],
  ])('refuses a value %s, saying what it must be and how to turn it off', (_, value) => {
    expect(() => read(value)).toThrow(ContextError);
    expect(() => read(value)).toThrow(
      `context: wafRateLimitPer5Min must be a whole number of requests per source IP per 5 minutes, from 10 to 2000000000 (got ${String(value)}); leave it out for no web ACL`,
    );
  });
});
