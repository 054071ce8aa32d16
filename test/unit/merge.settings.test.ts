import { describe, expect, it } from 'vitest';
import { Config } from '../../lambda/config/schema.js';
import { MergeSettings } from '../../lambda/providers/merge/settings.js';

describe('the Merge settings', () => {
  it('default to off, the US API, any linked account, and reading unexpanded deliveries again', () => {
    expect(Config.parse({}).providers.merge).toEqual({
      enabled: false,
      apiBaseUrl: 'https://api.merge.dev',
      enrichUnexpanded: true,
    });
  });

  it('take a linked account id, another region and enrichUnexpanded false', () => {
    const settings = {
      enabled: true,
      linkedAccountId: '6f1b7a52-3c1e-4f0a-9d2b-7a9e1c4b5d60',
      apiBaseUrl: 'https://api-eu.merge.dev',
      enrichUnexpanded: false,
    };
    expect(MergeSettings.parse(settings)).toEqual(settings);
  });

  it('refuse an empty linked account id, a base URL that is not one, and unknown keys', () => {
    expect(MergeSettings.safeParse({ linkedAccountId: '' }).success).toBe(false);
    expect(MergeSettings.safeParse({ apiBaseUrl: 'api.merge.dev' }).success).toBe(false);
    expect(MergeSettings.safeParse({ enrichUnexpanded: 'yes' }).success).toBe(false);
    expect(MergeSettings.safeParse({ linkedAcountId: 'typo' }).success).toBe(false);
  });
});
