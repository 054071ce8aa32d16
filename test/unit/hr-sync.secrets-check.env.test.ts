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
        from: "the local host's environment",
        config: 'hr-sync.config.json',
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
          // No WEBHOOK_SECRET_BAMBOOHR: the host generates one at its first start, as it would here.
          name: 'webhook',
          from: `WEBHOOK_SECRET_HIBOB, ${dir?.path}/.hr-sync/local-secrets.json`,
          status: 'ok',
          problems: [],
          notes: [
            `bamboohr: the local host generates them into ${dir?.path}/.hr-sync/local-secrets.json when it starts`,
          ],
        },
        {
          // Half of HiBob's pair stops the host from starting; BambooHR with none is skipped, not a failure.
          name: 'hris',
          from: 'BAMBOOHR_SUBDOMAIN, BAMBOOHR_API_KEY, HIBOB_SERVICE_USER_ID, HIBOB_TOKEN',
          status: 'invalid',
          problems: ['HIBOB_TOKEN is missing'],
          notes: [
            'no bamboohr API credentials (BAMBOOHR_SUBDOMAIN, BAMBOOHR_API_KEY): reconcile skips bamboohr, and its events that carry ids only are dead-lettered (hris-credentials-missing)',
          ],
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
      `secrets in the local host's environment and ${dir.path}/.env, for the providers enabled in`,
    );
    expect(fromFile.stdout).toContain('all secrets ok');

    const overridden = await runCli(['secrets', 'check'], {
      cwd: dir.path,
      env: { WEBHOOK_SECRET_STANDARD: 'not-a-whsec' },
    });
    expect(overridden.code).toBe(1);
    expect(overridden.stdout).toContain('- WEBHOOK_SECRET_STANDARD Invalid string: must start with "whsec_"');
    expect(overridden.stdout).toContain(
      'set the variables named above (in the environment or in .env), then restart the local host',
    );
    for (const text of [fromFile, overridden].flatMap((run) => [run.stdout, run.stderr])) {
      for (const value of [...SECRET_VALUES, 'whsec_ZG90ZW52', 'not-a-whsec'])
        expect(text).not.toContain(value);
    }
  });

  it(
    'with nothing set, finds what the local host would run with (its sandbox, its defaults), exit 0',
    TIMEOUT,
    async () => {
      dir = scratchDir();
      const run = await runCli(['secrets', 'check'], { cwd: dir.path });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        "for the providers enabled in the local host's defaults (no hr-sync.config.json here): standard, bamboohr, merge",
      );
      expect(run.stdout).toMatch(/heymarket +ok +the built-in sandbox/);
      expect(run.stdout).toContain('all secrets ok');
    },
  );

  it(
    'refuses a Heymarket URL without credentials, as the host refuses to start with it, exit 1',
    TIMEOUT,
    async () => {
      dir = scratchDir();
      const run = await runCli(['secrets', 'check'], {
        cwd: dir.path,
        env: { HEYMARKET_BASE_URL: 'https://api.heymarket.com' },
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/heymarket +invalid +HEYMARKET_API_SECRET_ID, HEYMARKET_API_SECRET_KEY/);
      expect(run.stdout).toContain(
        '- HEYMARKET_BASE_URL is set but HEYMARKET_API_SECRET_ID and HEYMARKET_API_SECRET_KEY are not',
      );
    },
  );
});
