import { describe, expect, it } from 'vitest';
import { boundedCode } from '../../lambda/observability/metrics.js';

describe('dimension values', () => {
  it('keep the error codes the code base produces as they are', () => {
    const codes = [
      'unknown-email',
      'no-work-email',
      'invalid-message',
      'employee-busy',
      'deadline',
      'unexpected',
      'dlq-unavailable',
      'applied-store-unavailable',
      'secret-access-denied',
      'signature-invalid',
      'body-too-large',
      'heymarket-5xx',
      'heymarket-429',
      'heymarket-400',
      'heymarket-401',
      'heymarket-unknown-id',
      'heymarket-rejected',
      'invalid-user-id',
      'hibob-timeout',
      'bamboohr-network',
      'personio-bad-response',
      'merge-auth',
    ];
    expect(codes.map(boundedCode)).toEqual(codes);
  });

  it('fold a rare HTTP status into its class, so a service has a handful of values, not a hundred', () => {
    expect(boundedCode('merge-418')).toBe('merge-4xx');
    expect(boundedCode('heymarket-302')).toBe('heymarket-3xx');
    expect(boundedCode('hibob-404')).toBe('hibob-404');
  });

  it('become "other" when they hold anything but words and a status: an id, an email, free text', () => {
    for (const value of [
      'ada.lovelace@example.test',
      'employee-E1001',
      'user-12345',
      'Heymarket answered 500',
      'heymarket_5xx',
      '',
      `a-${'b'.repeat(60)}`,
    ]) {
      expect(boundedCode(value), value).toBe('other');
    }
  });
});
