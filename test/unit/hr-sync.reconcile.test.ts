import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAwsEnv, runCli, scratchDir } from '../support/cli.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';
import { BAMBOOHR_CREDENTIALS, type FakeBambooHr, startFakeBambooHr } from '../support/fake-bamboohr.js';
import { DEFAULT_SECRET, type FakeHeymarket, startFakeHeymarket } from '../support/fake-heymarket.js';

const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:000000000000:secret:${name}-AbCdEf`;
// 12 invented employees: 10 with a user (4 holding an old last name), 1 unknown to Heymarket, 1 without email.
const employees = Array.from({ length: 12 }, (_, i) => ({
  id: String(6000 + i),
  firstName: `Given${i}`,
  lastName: `Family${i}`,
  ...(i < 11 ? { workEmail: `cli${i}@example.test` } : {}),
}));
const users = employees.slice(0, 10).map((employee, i) => ({
  id: 60_000 + i,
  email: employee.workEmail as string,
  first_name: employee.firstName,
  last_name: i % 3 === 0 ? `Old${i}` : employee.lastName,
}));

let aws: FakeAws;
let bamboohr: FakeBambooHr;
let heymarket: FakeHeymarket;
let dir: ReturnType<typeof scratchDir>;
let queueUrl: string;
beforeAll(async () => {
  [aws, bamboohr, heymarket] = await Promise.all([
    startFakeAws(),
    startFakeBambooHr({ employees }),
    startFakeHeymarket({ users }),
  ]);
  queueUrl = aws.queueUrl('Live-changes');
  aws.putStack('Live', {
    QueueUrl: queueUrl,
    HeymarketSecretArn: arn('Live-heymarket'),
    HrisSecretArn: arn('Live-hris'),
  });
  aws.putSecret(
    arn('Live-heymarket'),
    JSON.stringify({ apiSecretId: DEFAULT_SECRET.id, apiSecretKey: DEFAULT_SECRET.key }),
  );
  aws.putSecret(arn('Live-hris'), JSON.stringify({ bamboohr: BAMBOOHR_CREDENTIALS }));
  dir = scratchDir({
    'hr-sync.config.json': JSON.stringify({
      providers: { bamboohr: { enabled: true, apiBaseUrl: bamboohr.url } },
      reconcile: { maxChanges: 3 },
    }),
  });
});
afterAll(async () => {
  dir.remove();
  await Promise.all([aws.close(), bamboohr.close(), heymarket.close()]);
});

const TIMEOUT = { timeout: 60_000 };
const reconcile = (...args: string[]) =>
  runCli(['reconcile', '--stack', 'Live', '--heymarket-url', heymarket.url, ...args], {
    env: fakeAwsEnv(aws.url),
    cwd: dir.path,
  });
const expectNoPersonalData = (text: string) =>
  expect(text).not.toMatch(/example\.test|Given\d|Family\d|Old\d/);

describe('hr-sync reconcile --stack', () => {
  it(
    'prints the run as a table; over the cap it enqueues nothing, says why and exits 1',
    TIMEOUT,
    async () => {
      const run = await reconcile();
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^reconcile against stack Live, config hr-sync\.config\.json, run \S+/);
      expect(run.stdout).toMatch(/^ {2}listed +12 {2}\(bamboohr 12\)$/m);
      expect(run.stdout).toMatch(/^ {2}matched +10$/m);
      expect(run.stdout).toMatch(/^ {2}differing +4$/m);
      expect(run.stdout).toMatch(/^ {2}enqueued +0$/m);
      expect(run.stdout).toMatch(
        /^ {2}unmatched +2 {2}\(no work email 1, no Heymarket user 1, override not found 0\)$/m,
      );
      expect(run.stdout).toMatch(/^ {2}skipped by the cap +4 {2}\(cap 3\)$/m);
      expect(run.stdout).toContain('4 users differ from the HR system, over the cap of 3');
      expect(aws.messages(queueUrl)).toEqual([]);
      expectNoPersonalData(run.stdout + run.stderr);
    },
  );

  it('compares and enqueues nothing with --dry-run', TIMEOUT, async () => {
    const run = await reconcile('--dry-run', '--max-changes', '10', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      target: 'stack Live',
      dryRun: true,
      status: 'complete',
      differing: 4,
      enqueued: 0,
      maxChanges: 10,
    });
    expect(aws.messages(queueUrl)).toEqual([]);
  });

  it('enqueues one change per differing user on the stack’s queue with --max-changes', TIMEOUT, async () => {
    const run = await reconcile('--max-changes', '10');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}enqueued +4$/m);
    const bodies = aws.messages(queueUrl).map((message) => JSON.parse(message.body));
    expect(bodies.map((body) => body.employee.id).sort()).toEqual(['6000', '6003', '6006', '6009']);
    expect(
      bodies.every((body) => body.eventId.startsWith('reconcile:') && body.provider === 'bamboohr'),
    ).toBe(true);
    expect(heymarket.requests.filter((request) => request.path === '/v1/users/update')).toEqual([]);
    expectNoPersonalData(run.stdout + run.stderr);
  });

  it('refuses a cap that is not a whole number within bounds', TIMEOUT, async () => {
    const run = await reconcile('--max-changes', 'lots');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "option '--max-changes <n>' argument 'lots' is invalid. must be a whole number from 0 to 2000",
    );
  });
});
