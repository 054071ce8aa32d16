import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliverChange, type HostProcess, killHost, startHostProcess } from './support/host-process.js';
import { tempDir } from './support/temp-queue.js';

let host: HostProcess | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await killHost(host);
  dir?.remove();
});

async function sandboxUsers(sandboxUrl: string): Promise<{ email: string; name: string }[]> {
  const response = await fetch(`${sandboxUrl}/v1/sandbox/users`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { users: { email: string; name: string }[] }).users;
}

describe('npm start with no Heymarket credentials and no webhook secrets', () => {
  it('starts a labelled Heymarket SANDBOX, generates local webhook secrets, and applies a delivery there', async () => {
    dir = tempDir();
    const dataDir = join(dir.path, '.hr-sync');
    host = await startHostProcess({ cwd: dir.path });

    const [, sandboxUrl = ''] = await host.printed(
      /^ +sandbox users +GET +(http:\/\/\S+)\/v1\/sandbox\/users$/m,
    );
    expect(host.stdout()).toMatch(/^ +heymarket +SANDBOX at /m);
    const secretsFile = join(dataDir, 'local-secrets.json');
    expect(host.stdout()).toContain(`standard, bamboohr, merge: generated, kept in ${secretsFile}`);
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>;
    expect(secrets.standard).toMatch(/^whsec_/);
    expect(await sandboxUsers(sandboxUrl)).toContainEqual(
      expect.objectContaining({ email: 'ada@example.test', name: 'Ada Lovelace' }),
    );
    expect(await (await fetch(`${host.url}/healthz`)).json()).toMatchObject({
      status: 'ok',
      heymarket: 'sandbox',
    });

    const response = await deliverChange(host.url, secrets.standard ?? '', {
      id: 'demo-1',
      employeeId: 'E1001',
      workEmail: 'ada@example.test',
      firstName: 'Augusta',
    });

    expect(response.status).toBe(202);
    await vi.waitFor(
      async () =>
        expect(await sandboxUsers(sandboxUrl)).toContainEqual(
          expect.objectContaining({ email: 'ada@example.test', name: 'Augusta Lovelace' }),
        ),
      { timeout: 10_000 },
    );
    for (const secret of Object.values(secrets)) expect(host.stdout() + host.stderr()).not.toContain(secret);
  });

  it('keeps the sandbox users and the generated secrets across a restart', async () => {
    dir = tempDir();
    host = await startHostProcess({ cwd: dir.path });
    const secretsFile = join(dir.path, '.hr-sync', 'local-secrets.json');
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>;
    const response = await deliverChange(host.url, secrets.standard ?? '', {
      id: 'demo-2',
      employeeId: 'E1002',
      workEmail: 'grace@example.test',
      firstName: 'Amazing',
    });
    expect(response.status).toBe(202);
    const [, firstSandbox = ''] = await host.printed(
      /sandbox users +GET +(http:\/\/\S+)\/v1\/sandbox\/users/,
    );
    await vi.waitFor(
      async () =>
        expect(await sandboxUsers(firstSandbox)).toContainEqual(
          expect.objectContaining({ name: 'Amazing Hopper' }),
        ),
      { timeout: 10_000 },
    );
    host.child.kill('SIGTERM');
    expect(await host.exited).toEqual({ code: 0, signal: null });

    host = await startHostProcess({ cwd: dir.path });

    const [, sandbox = ''] = await host.printed(/sandbox users +GET +(http:\/\/\S+)\/v1\/sandbox\/users/);
    expect(await sandboxUsers(sandbox)).toContainEqual(
      expect.objectContaining({ email: 'grace@example.test', name: 'Amazing Hopper' }),
    );
    expect(JSON.parse(readFileSync(secretsFile, 'utf8'))).toEqual(secrets);
  });
});
