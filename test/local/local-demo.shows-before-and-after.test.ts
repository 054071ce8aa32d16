import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type HostProcess, killHost, startHostProcess } from './support/host-process.js';
import { tempDir } from './support/temp-queue.js';

const DEMO = fileURLToPath(new URL('../../lambda/local/demo.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

let host: HostProcess | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await killHost(host);
  dir?.remove();
});

describe('npm run demo against a fresh npm start', () => {
  it('sends a signed delivery per provider and prints each sandbox user before and after, then the one leaver who keeps a seat', async () => {
    dir = tempDir();
    host = await startHostProcess({ cwd: dir.path });
    const port = new URL(host.url).port;

    const { stdout } = await promisify(execFile)(process.execPath, ['--import', TSX, DEMO], {
      cwd: dir.path,
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), PORT: port },
      timeout: 60_000,
    });

    expect(stdout).toMatch(/^standard +202 /m);
    expect(stdout).toMatch(/^bamboohr +202 /m);
    expect(stdout).toMatch(/^merge +202 /m);
    expect(stdout).toMatch(/^hibob +skipped: /m);
    // Role rules of the local defaults: Support → 2, Engineering → 3; names changed show `old → new`.
    expect(stdout).toMatch(/^1001 .*→.*$/m);
    expect(stdout).toMatch(/^1002 .* 4 → 2 *$/m);
    expect(stdout).toMatch(/^1003 .* 4 → 3 *$/m);
    expect(stdout).toMatch(/^1004 .*→.*$/m);
    expect(stdout).toMatch(/^1005 [^→]*$/m);
    expect(stdout).toContain('queue empty; DLQ holds 1 message(s)');
    // The leaver the demo sends keeps their seat (termination.action ignore): the review names them.
    expect(stdout).toMatch(/^leavers who still hold a Heymarket seat \(newest leavers first\): 1$/m);
    expect(stdout).toMatch(
      /^ {2}standard:demo-5 .*<edsger@example\.test> terminated .*Heymarket user 1005 /m,
    );
  });
});
