import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SECRET,
  type FakeHeymarket,
  sampleUsers,
  startFakeHeymarket,
} from '../support/fake-heymarket.js';
import { TEST_SECRET } from '../support/standard-webhook.js';
import { type GateProxy, startGateProxy } from './support/gate-proxy.js';
import { deliverChange, type HostProcess, killHost, startHostProcess } from './support/host-process.js';
import { tempDir } from './support/temp-queue.js';

let fake: FakeHeymarket | undefined;
let gate: GateProxy | undefined;
let hosts: HostProcess[] = [];
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  for (const host of hosts) await killHost(host);
  hosts = [];
  await gate?.close();
  await fake?.close();
  dir?.remove();
});

const USERS = 40;
const SENDERS = 4;

describe('npm start: killed with SIGKILL mid-stream', () => {
  it('delivers every change it answered 202 for once it is started again', async () => {
    dir = tempDir();
    fake = await startFakeHeymarket({ users: sampleUsers(USERS) });
    // Closed: the first batch stays in flight at Heymarket, so the kill lands mid-batch.
    gate = await startGateProxy(fake.url);
    const env = {
      HEYMARKET_API_SECRET_ID: DEFAULT_SECRET.id,
      HEYMARKET_API_SECRET_KEY: DEFAULT_SECRET.key,
      HEYMARKET_BASE_URL: gate.url,
      WEBHOOK_SECRET_STANDARD: TEST_SECRET,
      HR_SYNC_DATA_DIR: join(dir.path, 'data'),
    };
    const first = await startHostProcess({ cwd: dir.path, env });
    hosts.push(first);

    const nameOf = (user: number) => `Renamed${user}`;
    const send = (url: string, user: number) =>
      deliverChange(url, TEST_SECRET, {
        id: `chg-${user}`,
        employeeId: `E${user}`,
        workEmail: `user${user}@example.test`,
        firstName: nameOf(user),
      }).then(
        (response) => response.status,
        () => 0,
      );

    // Several senders at once; the host is killed as soon as half of the changes were answered 202.
    const accepted = new Set<number>();
    let next = 1;
    const sender = async () => {
      while (next <= USERS) {
        const user = next++;
        const status = await send(first.url, user);
        if (status === 202) accepted.add(user);
        if (accepted.size >= USERS / 2 && first.child.exitCode === null && first.child.signalCode === null) {
          first.child.kill('SIGKILL');
        }
      }
    };
    // A first few, so that a batch is held at Heymarket before the stream goes on.
    for (; next <= 5; next += 1) if ((await send(first.url, next)) === 202) accepted.add(next);
    await gate.holding(1);
    await Promise.all(Array.from({ length: SENDERS }, sender));
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(accepted.size).toBeGreaterThanOrEqual(USERS / 2);

    gate.open();
    const second = await startHostProcess({ cwd: dir.path, env });
    hosts.push(second);
    // The senders retry what was not answered 202, as an HR system does.
    for (let user = 1; user <= USERS; user += 1) {
      if (!accepted.has(user)) expect(await send(second.url, user)).toBe(202);
    }

    await vi.waitFor(
      () => {
        const missing = [...accepted].filter((user) => fake?.users.get(user)?.first_name !== nameOf(user));
        expect(missing).toEqual([]);
      },
      { timeout: 20_000, interval: 100 },
    );
    await vi.waitFor(
      () => {
        for (let user = 1; user <= USERS; user += 1)
          expect(fake?.users.get(user)?.first_name).toBe(nameOf(user));
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(second.stdout()).toMatch(/recovered +\d+ change\(s\) a stopped run had in hand/);
    const health = await (await fetch(`${second.url}/healthz`)).json();
    expect(health).toMatchObject({ queue: { visible: 0, inFlight: 0 }, dlq: 0 });
  });
});
