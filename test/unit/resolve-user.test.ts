import { describe, expect, it } from 'vitest';
import { userRefFor } from '../../lambda/core/resolve-user.js';
import { makeChange } from '../support/changes.js';

describe('which Heymarket user a change is for', () => {
  it('is found by lower-cased work email', () => {
    expect(userRefFor(makeChange({ employee: { workEmail: 'Ada@Example.TEST' } }), {})).toEqual({
      kind: 'email',
      email: 'ada@example.test',
    });
  });

  it('is taken from an identity override first, by provider-qualified or plain HR id', () => {
    expect(userRefFor(makeChange(), { E1: 42 })).toEqual({ kind: 'user', userId: 42 });
    expect(userRefFor(makeChange(), { 'standard:E1': 43, E1: 42 })).toEqual({ kind: 'user', userId: 43 });
  });

  it('is unknown when there is neither an override nor a work email', () => {
    expect(userRefFor(makeChange({ employee: { workEmail: undefined } }), {})).toEqual({ kind: 'none' });
  });
});
