import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseConfigText } from '../../lambda/config/load.js';

const PROVIDERS = 'one of standard:, bamboohr:, merge:, hibob:, personio:';

const problemOf = (identityOverrides: unknown): string => {
  try {
    parseConfig({ identityOverrides }, 'hr-sync.config.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
};

describe('identity override keys', () => {
  it('are accepted as provider:id', () => {
    const config = parseConfig({ identityOverrides: { 'bamboohr:12345': 7, 'personio:9': 8 } }, 'c.json');
    expect(config.identityOverrides).toEqual({ 'bamboohr:12345': 7, 'personio:9': 8 });
  });

  it('fail validation without a provider prefix, naming the key and the providers to choose from', () => {
    expect(problemOf({ '12345': 7 })).toBe(
      `config: identityOverrides key "12345" needs a provider prefix: ${PROVIDERS} (e.g. "bamboohr:12345") in hr-sync.config.json`,
    );
  });

  it('fail validation with a prefix that is no provider', () => {
    expect(problemOf({ 'workday:12': 7 })).toBe(
      `config: identityOverrides key "workday:12" starts with "workday:", which is no provider; it needs a provider prefix: ${PROVIDERS} (e.g. "bamboohr:12345") in hr-sync.config.json`,
    );
  });

  it('fail validation with no HR id after the prefix, or spaces around it', () => {
    expect(problemOf({ 'hibob:': 7 })).toContain(
      'identityOverrides key "hibob:" needs the HR employee id after "hibob:"',
    );
    expect(problemOf({ 'hibob: 12': 7 })).toContain('has spaces around the HR employee id');
  });

  it('report every bad key, one line each', () => {
    expect(problemOf({ A1: 1, 'merge:ok': 2, B2: 3 }).split('\n')).toEqual([
      expect.stringContaining('key "A1" needs a provider prefix'),
      expect.stringContaining('key "B2" needs a provider prefix'),
    ]);
  });

  it('never quote a key that looks like an email address', () => {
    const message = problemOf({ 'ada@example.test': 7 });
    expect(message).toContain('needs a provider prefix');
    expect(message).not.toContain('ada@example.test');
  });

  it('fail validation for a built-in name as a bare key', () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty']) {
      expect(problemOf(JSON.parse(`{"${key}": 7}`))).toContain(`key "${key}" needs a provider prefix`);
    }
  });
});

describe('identity override values', () => {
  it.each([0, -1, 1.5, 2 ** 53, '12'])('fail validation for %s, which is no Heymarket user id', (value) => {
    expect(() =>
      parseConfigText(JSON.stringify({ identityOverrides: { 'bamboohr:7': value } }), 'c.json'),
    ).toThrow(/config: identityOverrides\.bamboohr:7 .* in c\.json/);
  });
});
