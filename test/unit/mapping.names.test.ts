import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { mapToPatch } from '../../lambda/core/map-to-patch.js';
import { makeChange } from '../support/changes.js';

const config = (input: object = {}) => parseConfig(input, 'test');

describe('names', () => {
  it('uses the preferred name over the legal first name by default', () => {
    const result = mapToPatch(makeChange({ employee: { preferredName: 'Addie' } }), config());
    expect(result).toEqual({ kind: 'patch', fields: { first_name: 'Addie', last_name: 'Lovelace' } });
  });

  it('keeps the legal first name when preferred names are turned off', () => {
    const result = mapToPatch(
      makeChange({ employee: { preferredName: 'Addie' } }),
      config({ names: { usePreferredName: false } }),
    );
    expect(result).toEqual({ kind: 'patch', fields: { first_name: 'Ada', last_name: 'Lovelace' } });
  });

  it('falls back to the first name when the preferred name is blank', () => {
    const result = mapToPatch(makeChange({ employee: { preferredName: '  ' } }), config());
    expect(result).toMatchObject({ fields: { first_name: 'Ada' } });
  });

  it('sends nothing for a change that carries no field Heymarket holds', () => {
    const result = mapToPatch(
      makeChange({ employee: { firstName: undefined, lastName: undefined } }),
      config(),
    );
    expect(result).toEqual({ kind: 'skip', reason: 'nothing-to-change' });
  });
});
