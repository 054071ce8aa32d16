import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SECRET,
  type FakeHeymarket,
  sampleUsers,
  startFakeHeymarket,
} from '../support/fake-heymarket.js';
import { TEST_SECRET } from '../support/standard-webhook.js';
import { deliverChange, type HostProcess, killHost, startHostProcess } from './support/host-process.js';
import { tempDir } from './support/temp-queue.js';

let fake: FakeHeymarket | undefined;
let host: HostProcess | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await killHost(host);
  await fake?.close();
  dir?.remove();
});

const remoteEnv = (url: string, dataDir: string) => ({
  HEYMARKET_API_SECRET_ID: DEFAULT_SECRET.id,
  HEYMARKET_API_SECRET_KEY: DEFAULT_SECRET.key,
  HEYMARKET_BASE_URL: url,
  WEBHOOK_SECRET_STANDARD: TEST_SECRET,
  HR_SYNC_DATA_DIR: dataDir,
});

describe('npm start: one process from webhook to Heymarket', () => {
  it('answers a signed delivery 202 and patches the Heymarket user, signing its calls as Heymarket documents', async () => {
    dir = tempDir();
    fake = await startFakeHeymarket({ users: sampleUsers(3) });
    host = await startHostProcess({ cwd: dir.path, env: remoteEnv(fake.url, join(dir.path, 'data')) });

    const response = await deliverChange(host.url, TEST_SECRET, {
      id: 'chg-1',
      employeeId: 'E2',
      workEmail: 'user2@example.test',
      firstName: 'Augusta',
    });

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0, eventIds: ['chg-1'] });
    await vi.waitFor(() => expect(fake?.users.get(2)?.first_name).toBe('Augusta'), { timeout: 10_000 });
    expect(fake.requests.map((request) => [request.method, request.path, request.auth.ok])).toEqual([
      ['GET', '/v1/users/get', true],
      ['POST', '/v1/users/update', true],
    ]);
    const health = await (await fetch(`${host.url}/healthz`)).json();
    expect(health).toEqual({ status: 'ok', queue: { visible: 0, inFlight: 0 }, dlq: 0, heymarket: 'remote' });
  });

  it('answers a forged delivery 401 and queues nothing', async () => {
    dir = tempDir();
    fake = await startFakeHeymarket({ users: sampleUsers(1) });
    host = await startHostProcess({ cwd: dir.path, env: remoteEnv(fake.url, join(dir.path, 'data')) });
    const forged = `whsec_${Buffer.from('not-the-configured-key-00').toString('base64')}`;

    const response = await deliverChange(host.url, forged, {
      id: 'chg-forged',
      employeeId: 'E1',
      workEmail: 'user1@example.test',
      firstName: 'Mallory',
    });

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const health = (await (await fetch(`${host.url}/healthz`)).json()) as { queue: unknown };
    expect(health.queue).toEqual({ visible: 0, inFlight: 0 });
  });

  it('prints where everything is and never a secret, an email or a name', async () => {
    dir = tempDir();
    fake = await startFakeHeymarket({ users: sampleUsers(1) });
    host = await startHostProcess({ cwd: dir.path, env: remoteEnv(fake.url, join(dir.path, 'data')) });
    await deliverChange(host.url, TEST_SECRET, {
      id: 'chg-2',
      employeeId: 'E1',
      workEmail: 'user1@example.test',
      firstName: 'Augusta',
    });
    await vi.waitFor(() => expect(fake?.users.get(1)?.first_name).toBe('Augusta'), { timeout: 10_000 });
    host.child.kill('SIGTERM');
    await host.exited;

    const out = host.stdout();
    expect(out).toContain(`POST ${host.url}/webhooks/standard`);
    expect(out).toContain(`GET  ${host.url}/healthz`);
    expect(out).toContain(join(dir.path, 'data', 'hr-sync.db'));
    expect(out).toContain(fake.url);
    expect(out).toContain('WEBHOOK_SECRET_STANDARD');
    for (const secret of [TEST_SECRET, DEFAULT_SECRET.key, 'user1@example.test', 'Augusta']) {
      expect(out + host.stderr()).not.toContain(secret);
    }
  });
});
