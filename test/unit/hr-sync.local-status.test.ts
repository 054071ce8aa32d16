import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { PERSONAL, useLocalData } from '../support/local-data.js';

const TIMEOUT = { timeout: 30_000 };
const data = useLocalData();

describe('hr-sync status against the local data', () => {
  it(
    'reads .hr-sync/ in the working directory when no deployment is given, with no value',
    TIMEOUT,
    async () => {
      const run = await runCli(['status'], { cwd: data.cwd });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`status of local data ${data.dataDir}`);
      expect(run.stdout).toMatch(/main queue +2 visible, 1 in flight, 0 delayed/);
      expect(run.stdout).toMatch(/DLQ +4 visible, 0 in flight, 0 delayed/);
      expect(run.stdout).toMatch(
        /by error class \(4 examined\):\n +2 +unknown-email\n +1 +heymarket-5xx\n +1 +\(none: maxReceiveCount\)\n +by provider:\n +3 +standard\n +1 +hibob/,
      );
      expect(run.stdout).toContain(
        `latest applied changes: 2 of 3 employee(s) read from table applied in ${data.file}`,
      );
      const rows = run.stdout.split('\n').filter((line) => /^ {2}2026-/.test(line));
      expect(rows).toEqual([
        expect.stringMatching(/^ {2}2026-02-02T08:00:00\.000Z +hibob#636192#E2 {2}· {2}7 {2}· {2}last_name$/),
        expect.stringMatching(
          /^ {2}2026-02-01T09:06:00\.000Z +standard#-#E1 {2}· {2}42 {2}· {2}first_name; role_id at 2026-01-30T10:00:00\.000Z$/,
        ),
      ]);
      for (const text of [...PERSONAL, 'SHOULD-NOT-PRINT'])
        expect(run.stdout + run.stderr).not.toContain(text);
    },
  );

  it('prints the same as JSON with --local --data-dir, from any directory', TIMEOUT, async () => {
    const run = await runCli(['status', '--local', '--data-dir', data.dataDir, '--applied', '1', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      target: `local data ${data.dataDir}`,
      queue: { visible: 2, inFlight: 1, delayed: 0 },
      deadLetterQueue: {
        visible: 4,
        inFlight: 0,
        delayed: 0,
        examined: 4,
        byErrorClass: { 'unknown-email': 2, 'heymarket-5xx': 1, '(none: maxReceiveCount)': 1 },
        byProvider: { standard: 3, hibob: 1 },
      },
      applied: {
        source: `table applied in ${data.file}`,
        examined: 3,
        complete: true,
        recent: [
          {
            employeeKey: 'hibob#636192#E2',
            userId: 7,
            latestAt: '2026-02-02T08:00:00.000Z',
            fields: [{ name: 'last_name', at: '2026-02-02T08:00:00.000Z' }],
          },
        ],
      },
    });
    for (const text of [...PERSONAL, 'SHOULD-NOT-PRINT']) expect(run.stdout).not.toContain(text);
  });

  it('finds the data directory by HR_SYNC_DATA_DIR, as the host does', TIMEOUT, async () => {
    const run = await runCli(['status', '--json'], { env: { HR_SYNC_DATA_DIR: data.dataDir } });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).target).toBe(`local data ${data.dataDir}`);
  });
});
