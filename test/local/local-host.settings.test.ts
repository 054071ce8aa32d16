import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lambda/config/load.js';
import { readHostSettings } from '../../lambda/local/host-settings.js';
import { tempDir } from './support/temp-queue.js';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir.remove());

function problemsOf(env: Record<string, string>, cwd = dir.path): string {
  try {
    readHostSettings(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('settings were accepted');
}

describe('local host settings from the environment, .env and the config file', () => {
  it('start with the defaults: port 3000 on 127.0.0.1, .hr-sync/, the schema config and the SANDBOX', () => {
    dir = tempDir();

    const settings = readHostSettings({}, dir.path);

    expect(settings).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: join(dir.path, '.hr-sync'),
      configFile: undefined,
      heymarket: { kind: 'sandbox' },
      webhookSecrets: {},
      hris: {},
      envFile: undefined,
    });
    expect(settings.config.providers.standard.enabled).toBe(true);
  });

  it('map the variables onto the secret schemas and read hr-sync.config.json and .env from the working directory', () => {
    dir = tempDir();
    writeFileSync(
      join(dir.path, 'hr-sync.config.json'),
      JSON.stringify({ providers: { hibob: { enabled: true } } }),
    );
    writeFileSync(join(dir.path, '.env'), 'HIBOB_SERVICE_USER_ID=svc\nHIBOB_TOKEN=from-file\nPORT=4000\n');

    const settings = readHostSettings(
      {
        HEYMARKET_API_SECRET_ID: 'id',
        HEYMARKET_API_SECRET_KEY: 'key',
        WEBHOOK_SECRET_HIBOB: 'hook',
        HIBOB_TOKEN: 'from-env',
        HR_SYNC_DATA_DIR: 'state',
      },
      dir.path,
    );

    expect(settings).toMatchObject({
      port: 4000,
      dataDir: join(dir.path, 'state'),
      configFile: join(dir.path, 'hr-sync.config.json'),
      heymarket: {
        kind: 'remote',
        baseUrl: 'https://api.heymarket.com',
        secret: { apiSecretId: 'id', apiSecretKey: 'key' },
      },
      webhookSecrets: { hibob: 'hook' },
      hris: { hibob: { serviceUserId: 'svc', token: 'from-env' } },
      envFile: join(dir.path, '.env'),
    });
    expect(settings.config.providers.hibob.enabled).toBe(true);
  });

  it('list every problem at once, each naming its variable and never its value', () => {
    dir = tempDir();

    const message = problemsOf({
      PORT: 'eighty-SECRET',
      HEYMARKET_API_SECRET_ID: 'id-SECRET',
      WEBHOOK_SECRET_STANDARD: 'plain-SECRET',
      BAMBOOHR_API_KEY: 'key-SECRET',
    });

    expect(message.split('\n')).toEqual([
      'environment: PORT must be a port number from 0 to 65535 (0 picks a free one)',
      'environment: HEYMARKET_API_SECRET_KEY is missing',
      'environment: WEBHOOK_SECRET_STANDARD Invalid string: must start with "whsec_"',
      'environment: BAMBOOHR_SUBDOMAIN is missing',
    ]);
    expect(message).not.toContain('SECRET"');
    expect(message).not.toMatch(/eighty|id-|plain-|key-/);
  });

  it('refuse a Heymarket URL without credentials rather than send changes to the sandbox', () => {
    dir = tempDir();

    expect(problemsOf({ HEYMARKET_BASE_URL: 'https://heymarket.example.test' })).toMatch(
      /^environment: HEYMARKET_BASE_URL is set but HEYMARKET_API_SECRET_ID and HEYMARKET_API_SECRET_KEY are not/,
    );
    expect(
      problemsOf({
        HEYMARKET_API_SECRET_ID: 'id',
        HEYMARKET_API_SECRET_KEY: 'key',
        HEYMARKET_BASE_URL: 'ftp://x',
      }),
    ).toBe('environment: HEYMARKET_BASE_URL must be an http(s) URL such as https://api.heymarket.com');
  });

  it('name a config file that is missing or invalid', () => {
    dir = tempDir();
    writeFileSync(join(dir.path, 'bad.json'), JSON.stringify({ roles: { defaultRoleId: 'four' } }));

    expect(problemsOf({ HR_SYNC_CONFIG_FILE: 'missing.json' })).toBe(
      `config: cannot read ${join(dir.path, 'missing.json')} (ENOENT)`,
    );
    expect(problemsOf({ HR_SYNC_CONFIG_FILE: 'bad.json' })).toMatch(
      new RegExp(`^config: roles\\.defaultRoleId .* in ${join(dir.path, 'bad.json')}$`),
    );
  });
});
