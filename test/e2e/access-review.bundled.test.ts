import { rmSync } from 'node:fs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessReviewReport } from '../../lambda/core/access-review-report.js';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import type { ReconcileSummary } from '../../lambda/core/reconcile-progress.js';
import {
  COUNT,
  configFor,
  employees,
  expectedFindings,
  HIRES,
  id,
  LEAVER_ROLE,
  name,
  ORPHAN_SEATS,
  PERSONAL,
  REMOVED,
  SEATED_LEAVERS,
  seatOf,
  userId,
  users,
} from '../support/access-review-company.js';
import { fakeAwsEnv, runCli } from '../support/cli.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';
import { BAMBOOHR_CREDENTIALS, type FakeBambooHr, startFakeBambooHr } from '../support/fake-bamboohr.js';
import {
  DEFAULT_SECRET,
  type FakeHeymarket,
  type RecordedRequest,
  startFakeHeymarket,
} from '../support/fake-heymarket.js';
import { LambdaContainer } from '../support/lambda-container.js';
import { type Bundles, synthBundles } from '../support/synth-bundles.js';

const HEYMARKET_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/heymarket-AbCdEf';
const HRIS_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/hris-AbCdEf';
const APPLIED_TABLE = 'hr-sync-applied';
const STACK = 'HrSyncReview';
const INVOCATION_MS = 600_000;
const TIMEOUT = { timeout: 120_000 };

type Scheduler = LambdaContainer<unknown, ReconcileSummary>;
type Worker = LambdaContainer<SQSEvent, SQSBatchResponse>;

/**
 * The access review as deployed: the bundled scheduler's reconcile lists BambooHR (leavers too),
 * compares, queues what differs and writes the review to the applied table; the bundled worker
 * applies what was queued; `hr-sync access-review --stack` reads the review back. Each function runs
 * in its own execution environment (a worker thread) against loopback fakes of AWS, BambooHR and
 * Heymarket.
 */
describe('the access review, through the bundled scheduler and worker', () => {
  let bundles: Bundles;
  let aws: FakeAws;
  let heymarket: FakeHeymarket;
  let bamboohr: FakeBambooHr;
  let scheduler: Scheduler;
  let worker: Worker;
  let queueUrl: string;
  const logs: string[] = [];

  beforeAll(async () => {
    bundles = synthBundles();
    aws = await startFakeAws();
    heymarket = await startFakeHeymarket({ users });
    bamboohr = await startFakeBambooHr({ employees });
    queueUrl = aws.queueUrl('changes');
    const dlqUrl = aws.queueUrl('changes-dlq');
    aws.putSecret(
      HEYMARKET_SECRET_ARN,
      JSON.stringify({ apiSecretId: DEFAULT_SECRET.id, apiSecretKey: DEFAULT_SECRET.key }),
    );
    aws.putSecret(HRIS_SECRET_ARN, JSON.stringify({ bamboohr: BAMBOOHR_CREDENTIALS }));
    aws.putStack(STACK, { AppliedTableName: APPLIED_TABLE, QueueUrl: queueUrl, DlqUrl: dlqUrl });
    const common = {
      AWS_ENDPOINT_URL: aws.url,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
      HR_SYNC_CONFIG: JSON.stringify(configFor(bamboohr.url)),
      HEYMARKET_SECRET_ARN,
      HEYMARKET_BASE_URL: heymarket.url,
      HRIS_SECRET_ARN,
      QUEUE_URL: queueUrl,
      APPLIED_TABLE,
      POWERTOOLS_LOG_LEVEL: 'INFO',
      POWERTOOLS_SERVICE_NAME: 'heymarket-hr-sync',
    };
    const onLog = (line: string) => logs.push(line);
    scheduler = new LambdaContainer({
      bundle: bundles.scheduler,
      functionName: 'scheduler',
      env: common,
      onLog,
    });
    worker = new LambdaContainer({
      bundle: bundles.worker,
      functionName: 'worker',
      env: { ...common, DLQ_URL: dlqUrl },
      onLog,
    });
  }, 180_000);

  afterAll(async () => {
    await scheduler?.close();
    await worker?.close();
    await heymarket?.close();
    await bamboohr?.close();
    await aws?.close();
    if (bundles) rmSync(bundles.outdir, { recursive: true, force: true });
  });

  /** One scheduled reconcile, and the Heymarket requests it made. */
  const reconcileRun = async () => {
    const before = heymarket.requests.length;
    const outcome = await scheduler.invoke({ job: 'reconcile' }, INVOCATION_MS);
    if (outcome.kind !== 'result') throw new Error(`scheduler ${outcome.kind}`);
    return { summary: outcome.result, calls: heymarket.requests.slice(before) };
  };
  const accessReview = async () => {
    const run = await runCli(['access-review', '--json', '--stack', STACK], { env: fakeAwsEnv(aws.url) });
    return { code: run.code, review: JSON.parse(run.stdout) as AccessReviewReport, stderr: run.stderr };
  };
  /** Within the same Heymarket budget: the users/get a reconcile makes (one per 50 employees), one team. */
  const expectReconcileBudget = (calls: RecordedRequest[]) => {
    const lookups = Math.ceil(COUNT / 50);
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      ...Array(lookups).fill('GET /v1/users/get'),
      'GET /v1/team',
    ]);
  };
  const reviewLog = () =>
    logs.flatMap((line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        return entry.message === 'access review written' ? [entry] : [];
      } catch {
        return [];
      }
    });

  it(
    'reports exactly the 12 seated leavers, the 7 hires without a seat and the 5 orphan seats',
    TIMEOUT,
    async () => {
      const { summary, calls } = await reconcileRun();

      // Matched by work email: all but the 7 hires, the unseated leaver, 2 without a work email, 2 out
      // of scope with no seat, and the one whose seat an identity override names.
      expect(summary).toMatchObject({
        status: 'complete',
        listed: COUNT,
        matched: COUNT - 13,
        differing: 12,
        enqueued: 12,
        unmatchedByReason: { 'no-email': 2, 'no-user': 10, override: 1 },
        failures: {},
      });
      expectReconcileBudget(calls);
      const { code, review, stderr } = await accessReview();
      expect({ code, stderr }).toEqual({ code: 3, stderr: '' });
      expect(review).toEqual({
        generatedAt: review.generatedAt,
        stale: false,
        partial: [],
        findings: expectedFindings(review.generatedAt),
      });
      expect(reviewLog().at(-1)).toMatchObject({
        'leaver-with-seat': 12,
        'hire-without-seat': 7,
        'seat-without-employee': 5,
        partial: [],
      });
    },
  );

  it(
    'queues the move of each seated leaver to the termination role, which the bundled worker applies',
    TIMEOUT,
    async () => {
      const queued = aws.messages(queueUrl).map((message) => EmployeeChange.parse(JSON.parse(message.body)));
      expect(queued.map((change) => [change.employee.id, change.type]).sort()).toEqual(
        SEATED_LEAVERS.map((i) => [id(i), 'employee.terminated']).sort(),
      );

      const updatesBefore = heymarket.requests.length;
      const outcome = await worker.invoke(aws.receive(queueUrl, 50), INVOCATION_MS);

      expect(outcome).toEqual({ kind: 'result', result: { batchItemFailures: [] } });
      expect(aws.messages(queueUrl)).toEqual([]);
      expect(aws.messages(aws.queueUrl('changes-dlq'))).toEqual([]);
      for (const i of SEATED_LEAVERS)
        expect(heymarket.users.get(userId(i))?.role_id, name(i)).toBe(LEAVER_ROLE);
      const updated = heymarket.requests
        .slice(updatesBefore)
        .filter((request) => request.path === '/v1/users/update')
        .flatMap((request) => (request.body as { users: { id: number }[] }).users.map((user) => user.id));
      expect(updated.sort()).toEqual(SEATED_LEAVERS.map(userId).sort());
    },
  );

  it(
    'reports nothing once the leavers are moved or removed, the hires seated and the orphan seats removed',
    TIMEOUT,
    async () => {
      // What an administrator does in Heymarket (Administration > Users): the API can do none of it.
      for (const i of REMOVED) heymarket.users.delete(userId(i));
      for (const seat of ORPHAN_SEATS) heymarket.users.delete(seat);
      const at = new Date().toISOString();
      for (const i of HIRES) {
        heymarket.users.set(userId(i), {
          phone: `1555${userId(i)}`,
          role_id: 4,
          ...seatOf(i),
          name: name(i),
          created_at: at,
          updated_at: at,
        });
      }

      const { summary, calls } = await reconcileRun();

      expect(summary).toMatchObject({
        status: 'complete',
        listed: COUNT,
        // The hires now seated; the removed leavers no longer.
        matched: COUNT - 13 + HIRES.length - REMOVED.length,
        differing: 0,
        enqueued: 0,
      });
      expectReconcileBudget(calls);
      const { code, review, stderr } = await accessReview();
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(review).toEqual({ generatedAt: review.generatedAt, stale: false, partial: [], findings: [] });
      expect(aws.messages(queueUrl)).toEqual([]);
    },
  );

  it('logs no name or email of anyone, in the scheduler or the worker', () => {
    expect(reviewLog()).toHaveLength(2);
    expect(logs.some((line) => line.includes('"batch synced"'))).toBe(true);
    expect(logs.filter((line) => PERSONAL.test(line))).toEqual([]);
  });
});
