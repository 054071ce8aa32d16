import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../lambda/config/load.js';

describe('the Personio settings', () => {
  it('default to off, the production API and an hour of cached department names', () => {
    expect(parseConfig({}, 'test').providers.personio).toEqual({
      enabled: false,
      apiBaseUrl: 'https://api.personio.de',
      orgUnitCacheTtlSeconds: 3_600,
    });
  });

  it('take a companyId as a number or a non-empty string', () => {
    const companyId = (value: unknown) =>
      parseConfig({ providers: { personio: { companyId: value } } }, 't').providers.personio.companyId;
    expect(companyId(81725)).toBe(81725);
    expect(companyId('81725')).toBe('81725');
    expect(() => companyId('')).toThrow(ConfigError);
  });

  it('name the setting that is wrong', () => {
    const bad = {
      providers: { personio: { apiBaseUrl: 'not a url', orgUnitCacheTtlSeconds: -1, extra: true } },
    };
    let message = '';
    try {
      parseConfig(bad, 'hr-sync.config.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('config: providers.personio.apiBaseUrl ');
    expect(message).toContain('config: providers.personio.orgUnitCacheTtlSeconds ');
    expect(message).toContain('in hr-sync.config.json');
  });
});
