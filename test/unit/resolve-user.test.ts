import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { userRefFor } from '../../lambda/core/resolve-user.js';
import { makeChange } from '../support/changes.js';

const HOSTILE_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

describe('which Heymarket user a change is for', () => {
  it('is found by lower-cased work email', () => {
    expect(userRefFor(makeChange({ employee: { workEmail: 'Ada@Example.TEST' } }), {})).toEqual({
      kind: 'email',
      email: 'ada@example.test',
    });
  });

  it('is taken from the identity override of the same provider and HR id first', () => {
    expect(userRefFor(makeChange(), { 'standard:E1': 43 })).toEqual({ kind: 'user', userId: 43 });
  });

  it('is never taken from a bare key, even one that slipped past validation', () => {
    expect(userRefFor(makeChange(), { E1: 42 })).toEqual({ kind: 'email', email: 'ada@example.test' });
  });

  it("is never taken from another provider's override for the same id", () => {
    const { identityOverrides } = parseConfig({ identityOverrides: { 'bamboohr:7': 42 } }, 'test');
    const personio = makeChange({ provider: 'personio', employee: { id: '7', workEmail: undefined } });
    expect(userRefFor(personio, identityOverrides)).toEqual({ kind: 'none' });
    const bamboo = makeChange({ provider: 'bamboohr', employee: { id: '7' } });
    expect(userRefFor(bamboo, identityOverrides)).toEqual({ kind: 'user', userId: 42 });
  });

  it.each(HOSTILE_IDS)('never finds a built-in for the employee id %s', (id) => {
    const overrides = parseConfig({ identityOverrides: { 'standard:E9': 9 } }, 'test').identityOverrides;
    const change = makeChange({ employee: { id } });
    expect(userRefFor(change, overrides)).toEqual({ kind: 'email', email: 'ada@example.test' });
    const noEmail = makeChange({ employee: { id, workEmail: undefined } });
    expect(userRefFor(noEmail, overrides)).toEqual({ kind: 'none' });
  });

  it('finds an override whose HR id happens to be a built-in name, by that provider only', () => {
    const { identityOverrides } = parseConfig({ identityOverrides: { 'hibob:constructor': 5 } }, 'test');
    expect(
      userRefFor(makeChange({ provider: 'hibob', employee: { id: 'constructor' } }), identityOverrides),
    ).toEqual({ kind: 'user', userId: 5 });
    expect(userRefFor(makeChange({ employee: { id: 'constructor' } }), identityOverrides)).toMatchObject({
      kind: 'email',
    });
  });

  it('ignores an override value that is no Heymarket user id', () => {
    for (const userId of [0, -1, 1.5, 2 ** 53]) {
      expect(userRefFor(makeChange(), { 'standard:E1': userId })).toMatchObject({ kind: 'email' });
    }
  });

  it('is unknown when there is neither an override nor a work email', () => {
    expect(userRefFor(makeChange({ employee: { workEmail: undefined } }), {})).toEqual({ kind: 'none' });
  });
});
