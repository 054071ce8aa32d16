import { describe, expect, it } from 'vitest';
import { fixture, runCli, scratchDir } from '../support/cli.js';

const TIMEOUT = { timeout: 30_000 };

describe('hr-sync map, given something wrong', () => {
  it('names the providers when the one given is unknown, with the usage, exit 2', TIMEOUT, async () => {
    const run = await runCli(['map', '--provider', 'workday', fixture('standard/employee-updated.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "hr-sync: option '--provider <name>' argument 'workday' is invalid. Allowed choices are standard, bamboohr, merge, hibob, personio.",
    );
    expect(run.stderr).toContain('run "hr-sync map --help" for its usage');
    expect(run.stdout).toBe('');
  });

  it('says where an invalid body is wrong by its path, never quoting the body, exit 1', TIMEOUT, async () => {
    const run = await runCli(['map', '--provider', 'standard', fixture('standard/invalid-email.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'hr-sync: not a valid standard delivery (the receiver answers 400): body: [1].employee.workEmail Invalid email address',
    );
    for (const value of ['dorothy.vaughan-at-example.test', 'katherine@example.test', 'E3002']) {
      expect(run.stdout + run.stderr).not.toContain(value);
    }
  });

  it('says a delivery for another tenant would be refused (401), exit 1', TIMEOUT, async () => {
    const dir = scratchDir({
      'hr-sync.config.json': JSON.stringify({ providers: { hibob: { enabled: true, companyId: 1 } } }),
    });
    try {
      const run = await runCli(['map', '--provider', 'hibob', fixture('hibob/employee-updated.json')], {
        cwd: dir.path,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('hr-sync: the receiver refuses this delivery (401): ');
    } finally {
      dir.remove();
    }
  });

  it('says which file it cannot read and what to give instead, exit 1', TIMEOUT, async () => {
    const run = await runCli(['map', '--provider', 'standard', 'no-such-delivery.json']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'hr-sync: cannot read no-such-delivery.json (no such file): give the path of a delivery body, or - for standard input',
    );
  });

  it('names the config key at fault and the file, exit 1', TIMEOUT, async () => {
    const dir = scratchDir({
      'bad.json': JSON.stringify({ roles: { rules: [{ match: { department: 5 }, roleId: 4 }] } }),
    });
    try {
      const run = await runCli(
        ['map', '--provider', 'standard', '--config', 'bad.json', fixture('standard/employee-updated.json')],
        { cwd: dir.path },
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('hr-sync: config: roles.rules[0].match.department');
      expect(run.stderr).toContain('bad.json');
    } finally {
      dir.remove();
    }
  });

  it('asks for --provider and for exactly one body, exit 2', TIMEOUT, async () => {
    const noProvider = await runCli(['map', fixture('standard/employee-updated.json')]);
    expect(noProvider.code).toBe(2);
    expect(noProvider.stderr).toContain("hr-sync: required option '--provider <name>' not specified");
    const noBody = await runCli(['map', '--provider', 'standard']);
    expect(noBody.code).toBe(2);
    expect(noBody.stderr).toContain("hr-sync: missing required argument 'file'");
  });
});
