import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../lambda/local/database.js';
import { createLocalQueue } from '../../lambda/local/sqlite-queue.js';
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
let host: HostProcess | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await killHost(host);
  await gate?.close();
  await fake?.close();
  dir?.remove();
});

describe('npm start: SIGTERM', () => {
  it('stops taking deliveries at once, finishes the batch in flight, and exits 0 with nothing left queued', async () => {
    dir = tempDir();
    const dataDir = join(dir.path, 'data');
    fake = await startFakeHeymarket({ users: sampleUsers(3) });
    gate = await startGateProxy(fake.url);
    host = await startHostProcess({
      cwd: dir.path,
      env: {
        HEYMARKET_API_SECRET_ID: DEFAULT_SECRET.id,
        HEYMARKET_API_SECRET_KEY: DEFAULT_SECRET.key,
        HEYMARKET_BASE_URL: gate.url,
        WEBHOOK_SECRET_STANDARD: TEST_SECRET,
        HR_SYNC_DATA_DIR: dataDir,
      },
    });
    const response = await deliverChange(host.url, TEST_SECRET, {
      id: 'chg-1',
      employeeId: 'E1',
      workEmail: 'user1@example.test',
      firstName: 'Augusta',
    });
    expect(response.status).toBe(202);
    await gate.holding(1);

    host.child.kill('SIGTERM');
    await host.printed(/^SIGTERM: stopping/m);
    await expect(fetch(`${host.url}/healthz`)).rejects.toThrow();
    expect(host.child.exitCode).toBeNull();
    gate.open();

    expect(await host.exited).toEqual({ code: 0, signal: null });
    expect(host.stdout()).toMatch(/^stopped$/m);
    expect(fake.users.get(1)?.first_name).toBe('Augusta');
    const db = openDatabase(join(dataDir, 'hr-sync.db'));
    try {
      expect((await createLocalQueue({ db }).counts()).queue).toEqual({
        visible: 0,
        inFlight: 0,
        delayed: 0,
      });
    } finally {
      db.close();
    }
  });
});
