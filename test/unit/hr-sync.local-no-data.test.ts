import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchDir } from '../support/cli.js';

const TIMEOUT = { timeout: 30_000 };
let empty: ReturnType<typeof scratchDir>;

beforeAll(() => {
  empty = scratchDir();
});
afterAll(() => empty.remove());

describe('hr-sync status and dlq with no local data', () => {
  it('say how to start local mode or name a stack when given nothing, exit 2', TIMEOUT, async () => {
    for (const args of [['status'], ['dlq', 'list']]) {
      const run = await runCli(args, { cwd: empty.path });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `hr-sync: no local data in ${empty.path}/.hr-sync and no deployment given: start local mode with npm start in this directory (or pass --data-dir DIR where it keeps its data); for a deployment, pass --queue-url and --dlq-url, set QUEUE_URL and DLQ_URL, or pass --stack <name> (the deployed stack, e.g. HeymarketHrSync)\n`,
      );
    }
  });

  it('say where they looked with --local, and create nothing there', TIMEOUT, async () => {
    const run = await runCli(['dlq', 'list', '--local', '--data-dir', 'elsewhere'], { cwd: empty.path });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `hr-sync: no local data in ${empty.path}/elsewhere (no hr-sync.db): start local mode with npm start (it creates it there), pass --data-dir DIR where it keeps its data (HR_SYNC_DATA_DIR), or pass --stack <name> for a deployed stack\n`,
    );
    expect((await runCli(['status', '--local'], { cwd: empty.path })).stderr).toContain(
      `no local data in ${empty.path}/.hr-sync (no hr-sync.db)`,
    );
  });

  it('refuse --local beside a deployment flag, saying where the usage is', TIMEOUT, async () => {
    const run = await runCli(['status', '--local', '--stack', 'HrSync'], { cwd: empty.path });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'hr-sync: --local and --data-dir read the local data: leave out --stack, --queue-url, --dlq-url and --table',
    );
    expect(run.stderr).toContain('run "hr-sync status --help" for its usage');
  });
});
