import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAwsEnv, fixture, runCli, scratchDir } from '../support/cli.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';

// Every AWS call a run could make would land here; map must make none.
let aws: FakeAws;
let env: Record<string, string>;

beforeAll(async () => {
  aws = await startFakeAws();
  env = fakeAwsEnv(aws.url);
});
afterAll(() => aws.close());

const TIMEOUT = { timeout: 30_000 };

describe('hr-sync map', () => {
  it(
    'shows the change a Standard Webhooks body makes and the patch it maps to under the config the local host runs with',
    TIMEOUT,
    async () => {
      const run = await runCli(['map', '--provider', 'standard', fixture('standard/employee-updated.json')], {
        env,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("config: the local host's defaults (no hr-sync.config.json here)");
      expect(run.stdout).toContain('standard delivery makes 1 change(s)');
      expect(run.stdout).toContain(
        'change 1: employee.updated, event map-dry-run, occurred 2026-01-31T18:42:00Z',
      );
      expect(run.stdout).toMatch(/Heymarket user +looked up by work email \(users\/get; not called here\)/);
      // The local host's defaults (lambda/local/default-config.ts): preferred name first, "Engineering" is role 3.
      expect(run.stdout).toMatch(/patch +first_name = "Amazing Grace", last_name = "Hopper", role_id = 3/);
      expect(aws.calls).toEqual([]);
    },
  );

  it(
    'prints the changes and patches as JSON, reading the body from standard input with --json -',
    TIMEOUT,
    async () => {
      const body = readFileSync(fixture('standard/batch.json'));
      const run = await runCli(
        [
          'map',
          '--provider',
          'standard',
          '--config',
          'hr-sync.config.example.json',
          '--header',
          'Webhook-Id: msg_1',
          '--json',
          '-',
        ],
        {
          env,
          input: body,
        },
      );
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout);
      expect(out).toMatchObject({ provider: 'standard', outcome: 'changes', duplicates: 0, notes: [] });
      expect(out.changes.map((mapped: { change: { eventId: string } }) => mapped.change.eventId)).toEqual([
        'chg-7f3a',
        'msg_1#1',
        'msg_1#2',
      ]);
      expect(out.changes[0]).toMatchObject({
        change: { type: 'employee.created', employee: { id: 'E2001' }, needsEnrichment: false },
        user: { by: 'work-email' },
        patch: { first_name: 'Ada', last_name: 'Lovelace' },
        skipped: null,
      });
      // Under the example: a department with no matching rule takes the default role; a termination is ignored.
      expect(out.changes[1]).toMatchObject({ patch: { role_id: 4 }, skipped: null });
      expect(out.changes[2]).toMatchObject({ patch: null, skipped: 'termination-ignored' });
      expect(aws.calls).toEqual([]);
    },
  );

  it('says a thin event would be enriched from the HR API first, and calls nothing', TIMEOUT, async () => {
    const run = await runCli(
      ['map', '--provider', 'bamboohr', fixture('bamboohr/event-employee-updated.json')],
      {
        env,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(thin event: ids only)');
    expect(run.stdout).toMatch(
      /patch +after enrichment: the worker would fetch employee 67890 from the bamboohr API first \(not called here\)/,
    );
    expect(run.stdout).not.toContain('note: bamboohr is not enabled');

    const json = JSON.parse(
      (
        await runCli(
          ['map', '--provider', 'bamboohr', '--json', fixture('bamboohr/event-employee-updated.json')],
          { env },
        )
      ).stdout,
    );
    expect(json.changes).toEqual([
      expect.objectContaining({ needsEnrichment: true, user: { by: 'after-enrichment' }, patch: null }),
    ]);
    expect(aws.calls).toEqual([]);
  });

  it('says what the receiver answers to a handshake and to an event it drops', TIMEOUT, async () => {
    const ping = await runCli(['map', '--provider', 'hibob', '-'], { env, input: 'Ping test' });
    expect(ping.code).toBe(0);
    expect(ping.stdout).toContain('hibob delivery is a setup handshake');
    expect(ping.stdout).toContain('the receiver answers 200 and queues nothing');

    const dropped = await runCli(
      ['map', '--provider', 'hibob', '--json', fixture('hibob/table-entry-custom.json')],
      {
        env,
      },
    );
    expect(JSON.parse(dropped.stdout)).toMatchObject({ outcome: 'ignored', reason: expect.any(String) });
  });

  it('uses hr-sync.config.json from the working directory, and --config over it', TIMEOUT, async () => {
    const dir = scratchDir({
      'hr-sync.config.json': JSON.stringify({
        providers: { standard: { enabled: true } },
        names: { usePreferredName: false },
        roles: { rules: [{ match: { department: 'engineering' }, roleId: 7 }] },
      }),
      'overrides.json': JSON.stringify({ identityOverrides: { 'standard:E1001': 321 } }),
    });
    try {
      const body = fixture('standard/employee-updated.json');
      const own = JSON.parse(
        (await runCli(['map', '--provider', 'standard', '--json', body], { env, cwd: dir.path })).stdout,
      );
      expect(own.config).toBe('hr-sync.config.json');
      expect(own.changes[0].patch).toEqual({ first_name: 'Grace', last_name: 'Hopper', role_id: 7 });

      const flagged = JSON.parse(
        (
          await runCli(['map', '--provider', 'standard', '--config', 'overrides.json', '--json', body], {
            env,
            cwd: dir.path,
          })
        ).stdout,
      );
      expect(flagged.config).toBe('overrides.json');
      expect(flagged.changes[0].user).toEqual({ by: 'identity-override', userId: 321 });
    } finally {
      dir.remove();
    }
  });
});
