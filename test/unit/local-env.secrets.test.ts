import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lambda/config/load.js';
import { localSecretInputs, readLocalSecret, variableAt, withDotEnv } from '../../lambda/config/local-env.js';
import { scratchDir } from '../support/cli.js';

let dir: ReturnType<typeof scratchDir> | undefined;
afterEach(() => dir?.remove());

describe('secrets from local environment variables', () => {
  it('shape the variables as the Secrets Manager JSON, one entry per provider with any variable set', () => {
    expect(
      localSecretInputs({
        HEYMARKET_API_SECRET_ID: 'id',
        HEYMARKET_API_SECRET_KEY: 'key',
        WEBHOOK_SECRET_STANDARD: 'whsec_a2V5',
        WEBHOOK_SECRET_PERSONIO: 'token',
        MERGE_API_KEY: 'mk',
        MERGE_ACCOUNT_TOKEN: 'mt',
        PERSONIO_CLIENT_ID: 'pc',
        UNRELATED: 'x',
      }),
    ).toEqual({
      heymarket: { apiSecretId: 'id', apiSecretKey: 'key' },
      webhook: { standard: 'whsec_a2V5', personio: 'token' },
      hris: { merge: { apiKey: 'mk', accountToken: 'mt' }, personio: { clientId: 'pc' } },
    });
  });

  it('parse with the same schemas as the stack secrets, typed', () => {
    expect(
      readLocalSecret('hris', {
        BAMBOOHR_SUBDOMAIN: 'acme',
        BAMBOOHR_API_KEY: 'k',
        HIBOB_SERVICE_USER_ID: 's',
        HIBOB_TOKEN: 't',
      }),
    ).toEqual({ bamboohr: { subdomain: 'acme', apiKey: 'k' }, hibob: { serviceUserId: 's', token: 't' } });
    expect(readLocalSecret('webhook', {})).toEqual({});
  });

  it('name the variable at fault, never its value', () => {
    const read = () => readLocalSecret('heymarket', { HEYMARKET_API_SECRET_ID: 'id-VALUE' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow('environment: HEYMARKET_API_SECRET_KEY is missing');
    expect(read).not.toThrow(/VALUE/);
    const wrongPrefix = () => readLocalSecret('webhook', { WEBHOOK_SECRET_STANDARD: 'plain-VALUE' });
    expect(wrongPrefix).toThrow(
      'environment: WEBHOOK_SECRET_STANDARD Invalid string: must start with "whsec_"',
    );
    expect(wrongPrefix).not.toThrow(/VALUE/);
  });

  it('map a key of the JSON back to its variable', () => {
    expect(variableAt('heymarket', ['apiSecretKey'])).toBe('HEYMARKET_API_SECRET_KEY');
    expect(variableAt('webhook', ['hibob'])).toBe('WEBHOOK_SECRET_HIBOB');
    expect(variableAt('hris', ['personio', 'clientSecret'])).toBe('PERSONIO_CLIENT_SECRET');
    expect(variableAt('hris', ['hibob'])).toBe('HIBOB_SERVICE_USER_ID and HIBOB_TOKEN');
  });

  it('read a .env file in the working directory under the environment, which wins', () => {
    dir = scratchDir({ '.env': 'HIBOB_TOKEN=from-file\nHIBOB_SERVICE_USER_ID="svc 1"\n' });
    const { env, file } = withDotEnv({ HIBOB_TOKEN: 'from-env' }, dir.path);
    expect(file).toBe(`${dir.path}/.env`);
    expect(env).toEqual({ HIBOB_TOKEN: 'from-env', HIBOB_SERVICE_USER_ID: 'svc 1' });
    const empty = scratchDir();
    try {
      expect(withDotEnv({ A: '1' }, empty.path)).toEqual({ env: { A: '1' }, file: undefined });
    } finally {
      empty.remove();
    }
  });
});
