import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../support/cli.js';
import { BAMBOOHR_CREDENTIALS, type FakeBambooHr, startFakeBambooHr } from '../../support/fake-bamboohr.js';
import { DEFAULT_SECRET, type FakeHeymarket, startFakeHeymarket } from '../../support/fake-heymarket.js';
import { type HostProcess, killHost, startHostProcess } from './host-process.js';
import { tempDir } from './temp-queue.js';

// Three invented BambooHR employees: one whose Heymarket last name drifted, one in step, one with no user.
export const EMPLOYEES = [
  { id: '7001', firstName: 'Augusta', lastName: 'Lovelace', workEmail: 'augusta@example.test' },
  { id: '7002', firstName: 'Grace', lastName: 'Hopper', workEmail: 'grace@example.test' },
  { id: '7003', firstName: 'Edsger', lastName: 'Dijkstra', workEmail: 'edsger@example.test' },
];
export const USERS = [
  { id: 71, email: 'augusta@example.test', first_name: 'Augusta', last_name: 'Byron' },
  { id: 72, email: 'grace@example.test', first_name: 'Grace', last_name: 'Hopper' },
];
/** Any of the names and emails above, in whatever a test reads. */
export const PERSONAL_DATA = /example\.test|Augusta|Lovelace|Byron|Grace|Hopper|Edsger|Dijkstra/;

export interface ReconcileHost {
  host: HostProcess;
  bamboohr: FakeBambooHr;
  heymarket: FakeHeymarket;
  /** The host's data directory (its admin token, its SQLite file). */
  dataDir: string;
  /** `hr-sync reconcile ...` as a person runs it, in the host's directory, at its port. */
  reconcile(...args: string[]): ReturnType<typeof runCli>;
  close(): Promise<void>;
}

/**
 * `npm start` in a scratch directory whose hr-sync.config.json enables BambooHR at a loopback fake,
 * with its API credentials and a loopback fake Heymarket given by environment, as a user sets them.
 */
export async function startReconcileHost(): Promise<ReconcileHost> {
  const dir = tempDir();
  const [bamboohr, heymarket] = await Promise.all([
    startFakeBambooHr({ employees: EMPLOYEES }),
    startFakeHeymarket({ users: USERS }),
  ]);
  writeFileSync(
    join(dir.path, 'hr-sync.config.json'),
    JSON.stringify({ providers: { bamboohr: { enabled: true, apiBaseUrl: bamboohr.url } } }),
  );
  let host: HostProcess | undefined;
  const close = async () => {
    await killHost(host);
    await Promise.all([bamboohr.close(), heymarket.close()]);
    dir.remove();
  };
  try {
    host = await startHostProcess({
      cwd: dir.path,
      env: {
        HEYMARKET_BASE_URL: heymarket.url,
        HEYMARKET_API_SECRET_ID: DEFAULT_SECRET.id,
        HEYMARKET_API_SECRET_KEY: DEFAULT_SECRET.key,
        BAMBOOHR_SUBDOMAIN: BAMBOOHR_CREDENTIALS.subdomain,
        BAMBOOHR_API_KEY: BAMBOOHR_CREDENTIALS.apiKey,
        HR_SYNC_DATA_DIR: join(dir.path, 'data'),
        HR_SYNC_RECONCILE_EVERY: '0',
      },
    });
  } catch (error) {
    await close();
    throw error;
  }
  const port = new URL(host.url).port;
  return {
    host,
    bamboohr,
    heymarket,
    dataDir: join(dir.path, 'data'),
    // In the host's shell: the same PORT and data directory, where it generated its admin token.
    reconcile: (...args) =>
      runCli(['reconcile', ...args], {
        cwd: dir.path,
        env: { PORT: port, HR_SYNC_DATA_DIR: join(dir.path, 'data') },
      }),
    close,
  };
}
