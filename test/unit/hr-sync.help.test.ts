import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../lambda/cli/program.js';
import { ROOT, runCli, runInProcess } from '../support/cli.js';

const run = promisify(execFile);
const TIMEOUT = { timeout: 60_000 };
const VERSION = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')).version as string;

/** Every command path of the program: `['dlq', 'replay']`, `['status']`, … */
function commandPaths(): string[][] {
  const program = buildProgram(
    { out() {}, err() {}, readStdin: async () => Buffer.alloc(0), env: {}, cwd: ROOT },
    { code: 0 },
  );
  const walk = (command: Command, path: string[]): string[][] =>
    command.commands.flatMap((child) => [[...path, child.name()], ...walk(child, [...path, child.name()])]);
  return walk(program, []).filter((path) => path.at(-1) !== 'help');
}

describe('hr-sync help, --version and usage mistakes', () => {
  it('lists every command and the operator IAM of each for help, --help and -h, exit 0', async () => {
    for (const args of [['help'], ['--help'], ['-h']]) {
      const help = await runInProcess(args);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Usage: hr-sync \[options\] \[command\]/);
      for (const command of ['map', 'secrets', 'status', 'dlq', 'reconcile', 'help']) {
        expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
      }
      expect(help.stdout).toContain('operator IAM (with --stack):');
      for (const action of [
        'secretsmanager:GetSecretValue',
        'dynamodb:Scan',
        'cloudformation:DescribeStacks',
      ]) {
        expect(help.stdout).toContain(action);
      }
    }
  });

  it('prints the help of every command and subcommand for --help and help <command>, exit 0', async () => {
    const paths = commandPaths();
    expect(paths).toEqual(
      expect.arrayContaining([
        ['map'],
        ['secrets', 'check'],
        ['status'],
        ['dlq', 'list'],
        ['dlq', 'show'],
        ['dlq', 'replay'],
        ['reconcile'],
      ]),
    );
    for (const path of paths) {
      for (const args of [
        [...path, '--help'],
        ['help', ...path],
      ]) {
        const help = await runInProcess(args);
        expect(help.code, args.join(' ')).toBe(0);
        expect(help.stdout).toMatch(new RegExp(`^Usage: hr-sync ${path.join(' ')} `));
        expect(help.stderr).toBe('');
      }
    }
  });

  it('prints the package version for --version and -V, exit 0', async () => {
    for (const flag of ['--version', '-V']) {
      const version = await runInProcess([flag]);
      expect(version).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
  });

  it('exits 2 with the help on stderr when given no command, or a group without its command', async () => {
    for (const args of [[], ['dlq'], ['secrets']]) {
      const bare = await runInProcess(args);
      expect(bare.code).toBe(2);
      expect(bare.stdout).toBe('');
      expect(bare.stderr).toMatch(/^Usage: hr-sync/);
    }
  });

  it('says which command or option is unknown, and the nearest one, exit 2', async () => {
    const cases: [string[], string][] = [
      [['statsu'], "hr-sync: unknown command 'statsu' (did you mean status?)"],
      [['help', 'nope'], "hr-sync: unknown command 'nope'"],
      [['help', 'recocnile'], "hr-sync: unknown command 'recocnile' (did you mean reconcile?)"],
      [['dlq', 'lst'], "hr-sync: unknown command 'lst' (did you mean list?)"],
      [['status', '--jsn'], "hr-sync: unknown option '--jsn' (did you mean --json?)"],
      [
        ['dlq', 'replay', '--dry-rn', '--all'],
        "hr-sync: unknown option '--dry-rn' (did you mean --dry-run?)",
      ],
    ];
    for (const [args, message] of cases) {
      const wrong = await runInProcess(args);
      expect(wrong.code, args.join(' ')).toBe(2);
      expect(wrong.stdout).toBe('');
      expect(wrong.stderr.split('\n')[0]).toBe(message);
      expect(wrong.stderr).toMatch(/run "hr-sync( [a-z]+)* --help" for (its usage|the commands)\n$/);
    }
  });

  it('exits 2 for a missing argument, a missing value and a value out of range', async () => {
    const cases: [string[], string][] = [
      [['dlq', 'show'], "hr-sync: missing required argument 'id'"],
      [['map', '-'], "hr-sync: required option '--provider <name>' not specified"],
      [['status', '--stack'], "hr-sync: option '--stack <name>' argument missing"],
      [
        ['status', '--applied', 'many'],
        "hr-sync: option '--applied <n>' argument 'many' is invalid. must be a whole number of at least 1 (got many)",
      ],
      [['status', 'extra'], "hr-sync: too many arguments for 'status'. Expected 0 arguments but got 1."],
    ];
    for (const [args, message] of cases) {
      const wrong = await runInProcess(args);
      expect(wrong.code, args.join(' ')).toBe(2);
      expect(wrong.stderr.split('\n')[0]).toBe(message);
    }
  });

  it('refuses an error class no dead letter can carry, naming the nearest and listing the known ones, exit 2', async () => {
    const typo = await runInProcess(['dlq', 'replay', '--error-class', 'unknown-emial', '--dry-run']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      "hr-sync: option '--error-class <class>' argument 'unknown-emial' is invalid. no such error class (did you mean unknown-email?); the known ones are ",
    );
    for (const known of [
      'no-work-email',
      'employee-not-found',
      'heymarket-rejected',
      '<service>-5xx',
      'where <service> is heymarket',
    ]) {
      expect(typo.stderr).toContain(known);
    }
    expect(typo.stdout).toBe('');
  });

  it(
    'runs as the package bin, as npx hr-sync and as npm run hr-sync, with npm run replay still meaning dlq',
    TIMEOUT,
    async () => {
      const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8'));
      expect(pkg.bin).toEqual({ 'hr-sync': 'lambda/cli/hr-sync.mjs' });
      const bin = await runCli(['--version']);
      expect(bin).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
      const viaNpx = await run('npx', ['--no-install', 'hr-sync', '--version'], { cwd: ROOT });
      expect(viaNpx.stdout).toBe(`${VERSION}\n`);
      const viaNpm = await run('npm', ['run', '--silent', 'hr-sync', '--', 'help'], { cwd: ROOT });
      expect(viaNpm.stdout).toMatch(/^Usage: hr-sync \[options\] \[command\]/);
      const replay = await run('npm', ['run', '--silent', 'replay', '--', '--help'], { cwd: ROOT });
      expect(replay.stdout).toMatch(/^Usage: hr-sync dlq \[options\] \[command\]/);
    },
  );
});
