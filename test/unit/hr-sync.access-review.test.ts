import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteAccessReviewStore } from '../../lambda/local/access-review-store.js';
import { DATA_FILE, openDatabase } from '../../lambda/local/database.js';
import { listed, member, person, review } from '../support/access-review.js';
import { runCli, scratchDir } from '../support/cli.js';

const TIMEOUT = { timeout: 30_000 };
const PERSONAL = ['=cmd', 'Doe, Jr', 'pL1@example.test', 'FirstH2', 'pH2@example.test'];

/** A working directory whose `.hr-sync/` holds `report` (or only an empty data file). */
async function dataWith(report?: ReturnType<typeof review>) {
  const dir = scratchDir();
  const dataDir = join(dir.path, '.hr-sync');
  mkdirSync(dataDir);
  const db = openDatabase(join(dataDir, DATA_FILE));
  if (report) await createSqliteAccessReviewStore(db).write(report);
  db.close();
  return dir;
}

const withFindings = review({
  directory: [
    listed('bamboohr', [
      person('L1', {
        status: 'terminated',
        terminationDate: '2026-03-01',
        firstName: '=cmd|x',
        lastName: 'Doe, Jr',
      }),
      person('H2'),
    ]),
    { provider: 'hibob', listing: 'unavailable' },
  ],
  team: [member(100), member(7)],
  userIdsByEmail: new Map([['pl1@example.test', 100]]),
});
const clean = review({ directory: [listed('bamboohr', [])] });
const dirs: { remove: () => void }[] = [];
afterAll(() => {
  for (const dir of dirs) dir.remove();
});
const cwdWith = async (report?: ReturnType<typeof review>) => {
  const dir = await dataWith(report);
  dirs.push(dir);
  return dir.path;
};

describe('hr-sync access-review against the local data', () => {
  it(
    'prints the lists for a person and exits 3 when there are findings, partial or not',
    TIMEOUT,
    async () => {
      const run = await runCli(['access-review'], { cwd: await cwdWith(withFindings) });
      expect(run.code).toBe(3);
      expect(run.stdout).toMatch(
        /^access review of local data .*\.hr-sync, generated 2026-03-10T12:00:00\.000Z \(\d+ days ago\)$/m,
      );
      expect(run.stdout).toContain('PARTIAL: could not list hibob');
      expect(run.stdout).toMatch(
        /leavers who still hold a Heymarket seat \(newest leavers first\): 1\n {2}what to do: .*Administration > Users\)\n {2}bamboohr:L1 =cmd\|x Doe, Jr <pL1@example\.test> terminated, left 2026-03-01 {2}· {2}Heymarket user 100 User 100, role 2 {2}· {2}first seen \d+ days ago/,
      );
      expect(run.stdout).toContain('employees in scope with no Heymarket seat: 1');
      expect(run.stdout).toMatch(
        /Heymarket seats that match no HR employee: 1\n.*\n {2}Heymarket user 7 User 7, role 2/,
      );
      expect(run.stderr).toBe('');
    },
  );

  it('prints the JSON contract with --json', TIMEOUT, async () => {
    const run = await runCli(['access-review', '--json'], { cwd: await cwdWith(withFindings) });
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toEqual(withFindings);
    expect(Object.keys(JSON.parse(run.stdout))).toEqual(['generatedAt', 'stale', 'partial', 'findings']);
  });

  it(
    'prints CSV with --csv: a header, one row a finding, quoted and safe to open in a spreadsheet',
    TIMEOUT,
    async () => {
      const run = await runCli(['access-review', '--csv'], { cwd: await cwdWith(withFindings) });
      expect(run.code).toBe(3);
      expect(run.stdout.trimEnd().split('\r\n')).toEqual([
        'kind,provider,employeeId,name,workEmail,status,terminationDate,userId,userName,roleId,firstSeenAt',
        `leaver-with-seat,bamboohr,L1,"'=cmd|x Doe, Jr",pL1@example.test,terminated,2026-03-01,100,User 100,2,2026-03-10T12:00:00.000Z`,
        'hire-without-seat,bamboohr,H2,FirstH2 LastH2,pH2@example.test,active,,,,,2026-03-10T12:00:00.000Z',
        'seat-without-employee,,,,,,,7,User 7,2,2026-03-10T12:00:00.000Z',
      ]);
    },
  );

  it('exits 0 on a clean review', TIMEOUT, async () => {
    const cwd = await cwdWith(clean);
    const run = await runCli(['access-review'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd()).toMatch(/\n\nno findings$/);
    expect((await runCli(['access-review', '--json'], { cwd })).code).toBe(0);
  });

  it('exits 1 when no review exists yet, saying how to get one', TIMEOUT, async () => {
    const run = await runCli(['access-review', '--local'], { cwd: await cwdWith() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^hr-sync: no access review in local data .* yet: .*run one with "hr-sync reconcile"/,
    );
  });

  it('exits 1 with no local data at all (no review can exist), saying how to run one', TIMEOUT, async () => {
    const empty = scratchDir();
    dirs.push(empty);
    const run = await runCli(['access-review'], { cwd: empty.path });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `hr-sync: no access review in ${empty.path}/.hr-sync yet (no local data there): start local mode with npm start in this directory and run "hr-sync reconcile" (or pass --data-dir DIR where it keeps its data); for a deployment, pass --stack <name> (the deployed stack, e.g. HeymarketHrSync)\n`,
    );
    const elsewhere = await runCli(['access-review', '--data-dir', 'elsewhere'], { cwd: empty.path });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain(`no access review in ${empty.path}/elsewhere yet`);
  });

  it('exits 2 on a usage mistake, naming no person', TIMEOUT, async () => {
    const cwd = await cwdWith(withFindings);
    const both = await runCli(['access-review', '--json', '--csv'], { cwd });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--json and --csv print different formats: pick one');
    const unknown = await runCli(['access-review', '--xml'], { cwd });
    expect(unknown.code).toBe(2);
    for (const text of PERSONAL) expect(both.stderr + unknown.stderr).not.toContain(text);
  });
});
