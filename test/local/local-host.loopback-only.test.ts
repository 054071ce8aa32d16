import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../lambda/local/request-guard.js';
import { killHost, startHostProcess } from './support/host-process.js';
import { send } from './support/local-http.js';
import { tempDir } from './support/temp-queue.js';

const MAIN = fileURLToPath(new URL('../../lambda/local/main.ts', import.meta.url));
const TOKEN = 'an-operator-chosen-token-0123456789';

/** `npm start` with `env`, to its exit: what it printed and its exit code. */
function runHostToExit(cwd: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('local host: listening beyond this machine needs an operator-chosen admin token', () => {
  it('refuses to start on HOST=0.0.0.0 without HR_SYNC_ADMIN_TOKEN, saying how to start, and creates nothing', {
    timeout: 60_000,
  }, async () => {
    const dir = tempDir();
    try {
      const run = await runHostToExit(dir.path, {
        HOST: '0.0.0.0',
        HR_SYNC_DATA_DIR: join(dir.path, 'data'),
      });

      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'hr-sync: cannot start\nenvironment: HOST 0.0.0.0 is not a loopback address',
      );
      expect(run.stderr).toContain('set HR_SYNC_ADMIN_TOKEN');
      expect(run.stderr).toContain('or unset HOST to listen on 127.0.0.1 only');
      expect(run.stdout).not.toContain('listening on');
      expect(existsSync(join(dir.path, 'data'))).toBe(false);
    } finally {
      dir.remove();
    }
  });

  it('starts on HOST=0.0.0.0 with HR_SYNC_ADMIN_TOKEN, and POST /reconcile takes that token only', {
    timeout: 60_000,
  }, async () => {
    const dir = tempDir();
    const host = await startHostProcess({
      cwd: dir.path,
      env: {
        HOST: '0.0.0.0',
        HR_SYNC_ADMIN_TOKEN: TOKEN,
        HR_SYNC_DATA_DIR: join(dir.path, 'data'),
        HR_SYNC_RECONCILE_EVERY: '0',
      },
    });
    try {
      expect(host.stdout()).toMatch(/admin token\s+HR_SYNC_ADMIN_TOKEN/);
      const reconcile = (authorization: string) =>
        send(host.url, {
          method: 'POST',
          path: '/reconcile',
          headers: { 'content-type': 'application/json', authorization },
          body: '{"dryRun":true}',
        });
      expect((await reconcile('Bearer wrong-token-wrong-token-wrong')).status).toBe(401);
      expect((await reconcile(`Bearer ${TOKEN}`)).status).toBe(200);
    } finally {
      await killHost(host);
      dir.remove();
    }
  });

  it('counts localhost, 127.0.0.0/8 and ::1 as loopback, and nothing else', () => {
    for (const host of [
      'localhost',
      'LOCALHOST',
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopback(host), host).toBe(true);
    }
    for (const host of [
      '0.0.0.0',
      '::',
      '192.168.1.10',
      '10.0.0.1',
      'my-laptop',
      'localhost.example.test',
      '128.0.0.1',
    ]) {
      expect(isLoopback(host), host).toBe(false);
    }
  });
});
