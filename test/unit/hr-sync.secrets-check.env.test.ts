import { afterEach, describe, expect, it } from 'vitest';
import { runCli, scratchDir } from '../support/cli.js';

const TIMEOUT = { timeout: 30_000 };
const HIBOB_AND_BAMBOOHR = JSON.stringify({
  providers: { standard: { enabled: false }, hibob: { enabled: true }, bamboohr: { enabled: true } },
});
const SECRET_VALUES = ['hm-key-SHOULD-NEVER-PRINT', 'dotenv-SHOULD-NEVER-PRINT', 'bob-SHOULD-NEVER-PRINT'];

let dir: ReturnType<typeof scratchDir> | undefined;
afterEach(() => dir?.remove());

describe('hr-sync secrets check without --stack', () => {
  it(
    'checks the local variables against the enabled providers, naming the variables at fault',
    TIMEOUT,
    async () => {
      dir = scratchDir({ 'hr-sync.config.json': HIBOB_AND_BAMBOOHR });
      const run = await runCli(['secrets', 'check', '--json'], {
        cwd: dir.path,
        env: {
          HEYMARKET_API_SECRET_ID: 'hm-id',
          HEYMARKET_API_SECRET_KEY: 'hm-key-SHOULD-NEVER-PRINT',
          WEBHOOK_SECRET_HIBOB: 'bob-SHOULD-NEVER-PRINT',
          HIBOB_SERVICE_USER_ID: 'svc-1',
        },
      });
      expect(run.code).toBe(1);
      const out = JSON.parse(run.stdout);
      expect(out).toMatchObject({
        from: 'the environment',
        enabledProviders: ['bamboohr', 'hibob'],
        ok: false,
      });
      expect(out.secrets).toEqual([
        {
          name: 'heymarket',
          from: 'HEYMARKET_API_SECRET_ID, HEYMARKET_API_SECRET_KEY',
          status: 'ok',
          problems: [],
          notes: [],
        },
        {
          name: 'webhook',
          from: 'WEBHOOK_SECRET_BAMBOOHR, WEBHOOK_SECRET_HIBOB',
          status: 'invalid',
          problems: [
            'WEBHOOK_SECRET_BAMBOOHR is missing: providers.bamboohr is enabled and its deliveries are verified with it',
          ],
          notes: [],
        },
        {
          name: 'hris',
          from: 'BAMBOOHR_SUBDOMAIN, BAMBOOHR_API_KEY, HIBOB_SERVICE_USER_ID, HIBOB_TOKEN',
          status: 'invalid',
          problems: [
            'HIBOB_TOKEN is missing',
            'BAMBOOHR_SUBDOMAIN and BAMBOOHR_API_KEY are missing: providers.bamboohr is enabled and the worker fetches its thin events',
          ],
          notes: [],
        },
      ]);
      for (const value of SECRET_VALUES) expect(run.stdout + run.stderr).not.toContain(value);
    },
  );

  it('reads a .env file in the working directory, the environment winning over it', TIMEOUT, async () => {
    dir = scratchDir({
      '.env': [
        '# local mode',
        'HEYMARKET_API_SECRET_ID=hm-id',
        'HEYMARKET_API_SECRET_KEY="dotenv-SHOULD-NEVER-PRINT"',
        'WEBHOOK_SECRET_STANDARD=whsec_ZG90ZW52',
      ].join('\n'),
    });
    const fromFile = await runCli(['secrets', 'check'], { cwd: dir.path });
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toContain(
      `secrets in the environment and ${dir.path}/.env, for the providers enabled in`,
    );
    expect(fromFile.stdout).toContain('all secrets ok');

    const overridden = await runCli(['secrets', 'check'], {
      cwd: dir.path,
      env: { WEBHOOK_SECRET_STANDARD: 'not-a-whsec' },
    });
    expect(overridden.code).toBe(1);
    expect(overridden.stdout).toContain('- WEBHOOK_SECRET_STANDARD Invalid string: must start with "whsec_"');
    expect(overridden.stdout).toContain('set the variables named above (in the environment or in .env)');
    for (const text of [fromFile, overridden].flatMap((run) => [run.stdout, run.stderr])) {
      for (const value of [...SECRET_VALUES, 'whsec_ZG90ZW52', 'not-a-whsec'])
        expect(text).not.toContain(value);
    }
  });

  it('calls an unset secret empty and exits 1', TIMEOUT, async () => {
    dir = scratchDir();
    const run = await runCli(['secrets', 'check'], { cwd: dir.path });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/heymarket +empty +HEYMARKET_API_SECRET_ID, HEYMARKET_API_SECRET_KEY/);
    expect(run.stdout).toMatch(/hris +ok +\(no variable needed\)/);
  });
});
