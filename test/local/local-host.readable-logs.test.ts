import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_SECRET } from '../support/standard-webhook.js';
import { deliverChange, type HostProcess, killHost, startHostProcess } from './support/host-process.js';
import { tempDir } from './support/temp-queue.js';

const MAIN = fileURLToPath(new URL('../../lambda/local/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
const CHANGE = { id: 'chg-1', employeeId: 'E1', workEmail: 'user1@example.test', firstName: 'Augusta' };

let dir: ReturnType<typeof tempDir> | undefined;
let piped: HostProcess | undefined;
let terminal: { child: ChildProcess; exited: Promise<unknown> } | undefined;
afterEach(async () => {
  await killHost(piped);
  if (
    terminal &&
    terminal.child.exitCode === null &&
    terminal.child.signalCode === null &&
    terminal.child.pid
  ) {
    // The process group started below: `script` and the host it runs under the pseudo-terminal.
    process.kill(-terminal.child.pid, 'SIGKILL');
    await terminal.exited;
  }
  dir?.remove();
});

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * The host under a pseudo-terminal, as `npm start` in a terminal runs it: `script` from util-linux
 * (`-qec`), or the BSD one on macOS (`-q /dev/null <command>`).
 */
function startUnderTerminal(cwd: string, env: Record<string, string>) {
  const command = [process.execPath, '--import', TSX, MAIN].map(quote).join(' ');
  const args =
    process.platform === 'darwin'
      ? ['-q', '/dev/null', '/bin/sh', '-c', command]
      : ['-qec', command, '/dev/null'];
  const child = spawn('script', args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), SHELL: '/bin/sh', PORT: '0', ...env },
    // stdin stays open: `script` stops at the end of its input.
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => output };
}

describe('npm start logs', () => {
  it('one readable line per event when stdout is a terminal', async () => {
    dir = tempDir();
    const host = startUnderTerminal(dir.path, {
      WEBHOOK_SECRET_STANDARD: TEST_SECRET,
      HR_SYNC_DATA_DIR: join(dir.path, 'data'),
      NO_COLOR: '1',
    });
    terminal = host;
    const url = await vi.waitFor(
      () => {
        const found = /^listening on (http:\/\/\S+?)\r?$/m.exec(host.output());
        if (!found?.[1]) throw new Error(`no banner yet:\n${host.output()}`);
        return found[1];
      },
      { timeout: 20_000, interval: 50 },
    );

    expect((await deliverChange(url, TEST_SECRET, CHANGE)).status).toBe(202);

    await vi.waitFor(
      () =>
        expect(host.output()).toMatch(
          /^\d\d:\d\d:\d\d INFO {2}delivery accepted provider=standard status=202 accepted=1 duplicates=0 eventIds=\["chg-1"\]\r?$/m,
        ),
      { timeout: 20_000, interval: 50 },
    );
    expect(host.output()).not.toContain('{"level"');
    expect(host.output()).not.toContain('\u001b[');
  });

  it('JSON lines, as on Lambda, when stdout is not a terminal', async () => {
    dir = tempDir();
    piped = await startHostProcess({
      cwd: dir.path,
      env: { WEBHOOK_SECRET_STANDARD: TEST_SECRET, HR_SYNC_DATA_DIR: join(dir.path, 'data') },
    });

    expect((await deliverChange(piped.url, TEST_SECRET, CHANGE)).status).toBe(202);

    const [line = ''] = await piped.printed(/^\{.*"message":"delivery accepted".*\}$/m);
    expect(JSON.parse(line)).toMatchObject({
      level: 'INFO',
      message: 'delivery accepted',
      service: 'heymarket-hr-sync',
      provider: 'standard',
      status: 202,
      accepted: 1,
    });
  });
});
