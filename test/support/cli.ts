import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The package's `bin`: resolves tsx and main.ts from its own place, so it runs from any directory. */
export const BIN = join(ROOT, 'lambda/cli/hr-sync.mjs');
export const fixture = (path: string) => join(ROOT, 'test/fixtures', path);

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `hr-sync ...` as a person runs it: a child process through the bin, in `cwd`, with only the
 * environment given (plus PATH), so no variable of the developer's shell or AWS profile leaks in.
 */
export function runCli(
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string; input?: string | Buffer } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** The variables that point the AWS SDK at the loopback fake, with dummy credentials. */
export const fakeAwsEnv = (url: string) => ({
  AWS_ENDPOINT_URL: url,
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
});

/** A scratch directory holding `files`; `remove` deletes it. */
export function scratchDir(files: Record<string, string> = {}): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'hr-sync-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * `hr-sync ...` in this process, through the same program as the bin: for what needs no child
 * (usage, help, version), much faster than `runCli`. The environment is only what is given.
 */
export async function runInProcess(
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  const { runHrSync } = await import('../../lambda/cli/program.js');
  let stdout = '';
  let stderr = '';
  const code = await runHrSync(args, {
    out: (text) => {
      stdout += `${text}\n`;
    },
    err: (text) => {
      stderr += `${text}\n`;
    },
    readStdin: async () => Buffer.alloc(0),
    env: { ...options.env },
    cwd: options.cwd ?? ROOT,
  });
  return { code, stdout, stderr };
}
