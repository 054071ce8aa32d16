import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './support/temp-queue.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

let npm: ChildProcess | undefined;
let hostPid: number | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  npm?.kill('SIGKILL');
  if (hostPid !== undefined && alive(hostPid)) process.kill(hostPid, 'SIGKILL');
  dir?.remove();
});

describe('npm start, when npm itself is killed with SIGKILL', () => {
  it('stops the host as on SIGTERM instead of leaving it running with the port and the lock', async () => {
    dir = tempDir();
    const dataDir = join(dir.path, 'data');
    npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: tmpdir(),
        PORT: '0',
        HR_SYNC_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    npm.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    expect(await until(() => /^listening on /m.test(stdout), 60_000), stdout).toBe(true);
    const lock = join(dataDir, 'host.lock');
    hostPid = Number(readFileSync(lock, 'utf8').trim());
    expect(hostPid).not.toBe(npm.pid);
    expect(alive(hostPid)).toBe(true);

    npm.kill('SIGKILL');

    // The host checks for its parent every second and then drains as on SIGTERM. The rule is that it
    // stops, not how fast: under a full suite on two cores the drain has taken over 15 s, so wait long.
    expect(await until(() => !alive(hostPid ?? 0), 45_000)).toBe(true);
    expect(existsSync(lock)).toBe(false);
  }, 90_000);
});
