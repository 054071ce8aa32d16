import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';

const run = promisify(execFile);
const TIMEOUT = { timeout: 60_000 };

describe('hr-sync help and the command dispatcher', () => {
  it(
    'lists every command, and the operator IAM of each, for help, --help and no command',
    TIMEOUT,
    async () => {
      for (const args of [['help'], ['--help'], ['-h'], []]) {
        const help = await runCli(args);
        expect(help.code).toBe(0);
        for (const command of [
          'map --provider',
          'secrets check',
          'status',
          'dlq list',
          'dlq show',
          'dlq replay',
          'help',
        ]) {
          expect(help.stdout).toMatch(new RegExp(`^  ${command}`, 'm'));
        }
        expect(help.stdout).toContain('operator IAM:');
        for (const action of [
          'secretsmanager:GetSecretValue',
          'dynamodb:Scan',
          'cloudformation:DescribeStacks',
        ]) {
          expect(help.stdout).toContain(action);
        }
      }
    },
  );

  it('prints the usage and exits 2 on an unknown command', TIMEOUT, async () => {
    const unknown = await runCli(['replay', 'list']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^hr-sync: unknown command "replay"\n\nusage: hr-sync <command>/);
  });

  it("prints a command's own usage for help <command> and <command> --help", TIMEOUT, async () => {
    expect((await runCli(['help', 'status'])).stdout).toMatch(/^usage: hr-sync status /);
    expect((await runCli(['secrets', '--help'])).stdout).toMatch(/^usage: hr-sync secrets check /);
    const dlq = await runCli(['dlq', '--help']);
    expect(dlq.code).toBe(0);
    expect(dlq.stdout).toMatch(/^usage: hr-sync dlq <command> \[options\]/);
  });

  it('keeps a usage mistake inside a command at exit 2, with that command usage', TIMEOUT, async () => {
    const wrong = await runCli(['status', '--applied', 'many']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('hr-sync: --applied must be a whole number of at least 1 (got many)');
    expect(wrong.stderr).toContain('usage: hr-sync status');
  });

  it(
    'is the package bin, and runs as npm run hr-sync, with npm run replay still meaning dlq',
    TIMEOUT,
    async () => {
      const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8'));
      expect(pkg.bin).toEqual({ 'hr-sync': 'lambda/cli/hr-sync.mjs' });
      const viaNpm = await run('npm', ['run', '--silent', 'hr-sync', '--', 'help'], { cwd: ROOT });
      expect(viaNpm.stdout).toMatch(/^usage: hr-sync <command>/);
      const replay = await run('npm', ['run', '--silent', 'replay', '--', '--help'], { cwd: ROOT });
      expect(replay.stdout).toMatch(/^usage: hr-sync dlq <command>/);
    },
  );
});
