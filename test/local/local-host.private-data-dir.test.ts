import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_FILE } from '../../lambda/local/admin-token.js';
import { DATA_FILE } from '../../lambda/local/database.js';
import { type LocalHost, SANDBOX_STATE_FILE, startLocalHost } from '../../lambda/local/host.js';
import { LOCK_FILE } from '../../lambda/local/host-lock.js';
import { LOCAL_SECRETS_FILE } from '../../lambda/local/local-secrets.js';
import { recordingDeps } from '../support/recording.js';
import { deliverChange } from './support/host-process.js';
import { hostSettings } from './support/local-http.js';
import { tempDir } from './support/temp-queue.js';

let dir: ReturnType<typeof tempDir>;
let host: LocalHost | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  dir.remove();
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every entry of the data directory and its mode, while the host runs and has written. */
async function modesWhileRunning(dataDir: string): Promise<Record<string, number>> {
  const settings = hostSettings(dataDir);
  host = await startLocalHost(settings, { log: recordingDeps().deps.log });
  const secrets = host.webhookSecrets.secrets;
  // A delivery, so the queue has been written to: the WAL and its index exist.
  const answer = await deliverChange(host.url, secrets.standard ?? '', {
    id: 'evt-modes',
    employeeId: '42',
    workEmail: 'someone@example.test',
    firstName: 'Some',
  });
  expect(answer.status).toBe(202);
  return Object.fromEntries(readdirSync(dataDir).map((name) => [name, modeOf(join(dataDir, name))]));
}

// The test process keeps its usual umask (022): the modes come from the host, not from it.
describe('local host: the data directory is its owner’s alone', () => {
  it('creates the directory 0700 and every file in it 0600: data file, WAL, secrets, token, lock, sandbox', async () => {
    dir = tempDir();
    const dataDir = join(dir.path, 'data');

    const modes = await modesWhileRunning(dataDir);

    expect(modeOf(dataDir)).toBe(0o700);
    expect(Object.keys(modes)).toEqual(
      expect.arrayContaining([
        DATA_FILE,
        `${DATA_FILE}-wal`,
        `${DATA_FILE}-shm`,
        LOCAL_SECRETS_FILE,
        ADMIN_TOKEN_FILE,
        LOCK_FILE,
        SANDBOX_STATE_FILE,
      ]),
    );
    for (const [name, mode] of Object.entries(modes)) expect(mode.toString(8), name).toBe('600');
  });

  it('forces a directory that already exists 0755, and files already in it 0644, to 0700 and 0600', async () => {
    dir = tempDir();
    const dataDir = join(dir.path, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    for (const name of [DATA_FILE, SANDBOX_STATE_FILE, 'notes.txt']) {
      writeFileSync(join(dataDir, name), name === SANDBOX_STATE_FILE ? '{"users":[]}\n' : '', {
        mode: 0o644,
      });
      chmodSync(join(dataDir, name), 0o644);
    }

    const modes = await modesWhileRunning(dataDir);

    expect(modeOf(dataDir)).toBe(0o700);
    expect(modes['notes.txt']).toBe(0o600);
    for (const [name, mode] of Object.entries(modes)) expect(mode.toString(8), name).toBe('600');
  });
});
