import { SNSClient } from '@aws-sdk/client-sns';
import { afterEach, describe, expect, it } from 'vitest';
import { createSnsLeaverNotifier } from '../../lambda/aws/leaver-notifier.js';
import type { AccessReviewStore } from '../../lambda/core/ports.js';
import { notifyingReviewStore } from '../../lambda/service/notifying-review-store.js';
import {
  BAMBOOHR_CREDENTIALS,
  type FakeBambooHr,
  type FakeEmployee,
  startFakeBambooHr,
} from '../support/fake-bamboohr.js';
import type { FakeUserInput } from '../support/fake-heymarket.js';
import { type ReconcileHarness, startReconcileHarness } from '../support/reconcile-harness.js';
import {
  memoryReviewStore,
  REVIEW_EMPLOYEES,
  REVIEW_PERSONAL,
  REVIEW_SEATS,
} from '../support/review-people.js';

// Ada and Ben at work and seated, Cai hired with no seat, Dee left and still seated; one seat nobody
// in HR holds.
const { ada, ben, cai, dee } = REVIEW_EMPLOYEES;
const employees: FakeEmployee[] = [ada, ben, cai, dee];
const users: FakeUserInput[] = [REVIEW_SEATS.ada, REVIEW_SEATS.ben, REVIEW_SEATS.dee, REVIEW_SEATS.orphan];

let bamboohr: FakeBambooHr;
let harness: ReconcileHarness;
let sns: SNSClient | undefined;
afterEach(async () => {
  sns?.destroy();
  await harness?.close();
  await bamboohr?.close();
});

/**
 * The reconcile job writing to a store that notifies after each write, as the local host wires it
 * (lambda/service/notifying-review-store.ts, there with its file; the SNS one here shows the notice as
 * published). A stack's leaver notifier follows the stored review through the table's stream instead
 * (leaver-notifier.names-each-leaver-once.test.ts).
 */
async function start() {
  const store = memoryReviewStore();
  // The run reads the store at each run: it is wrapped once the fake AWS (and so the topic) is up.
  const accessReview: { store: AccessReviewStore } = { store };
  bamboohr = await startFakeBambooHr({ employees });
  harness = await startReconcileHarness({
    config: {
      providers: {
        standard: { enabled: false },
        bamboohr: { enabled: true, apiBaseUrl: bamboohr.url },
      },
    },
    users,
    hris: { bamboohr: BAMBOOHR_CREDENTIALS },
    accessReview,
  });
  sns = new SNSClient({
    region: 'eu-west-1',
    endpoint: harness.aws.url,
    credentials: { accessKeyId: 't', secretAccessKey: 't' },
    maxAttempts: 1,
  });
  const topicArn = harness.aws.createTopic('hr-sync-alarms');
  const notifier = createSnsLeaverNotifier({ topicArn, stackName: 'hr-sync', graceHours: 24, client: sns });
  accessReview.store = notifyingReviewStore(store, { notifier, log: harness.log, now: Date.now });
  const leaver = () => store.latest()?.findings.find((finding) => finding.kind === 'leaver-with-seat');
  return { store, leaver, published: harness.aws.published };
}

describe('leaver notices after the reconcile run writes the review', () => {
  it('names a new leaver with a seat in one notice on the alarm topic, and marks the finding notified', async () => {
    const { published, leaver } = await start();
    const before = Date.now();
    await harness.run();
    expect(published).toHaveLength(1);
    expect(published[0]?.subject).toBe('heymarket-hr-sync hr-sync: 1 leaver still holds a Heymarket seat');
    expect(published[0]?.message).toContain(
      '1. Dee Gone <dee@example.test> bamboohr:803, terminated (left 2026-01-20)',
    );
    expect(published[0]?.message).toContain('Heymarket user 603 "Dee Gone", role 4');
    // The hire and the orphan seat are in the review, not in the notice.
    expect(published[0]?.message).not.toMatch(/cai@|Phan|604/);
    expect(Date.parse(leaver()?.notifiedAt ?? '')).toBeGreaterThanOrEqual(before);
  });

  it('does not name the same leaver again on the next run, and keeps when it was notified', async () => {
    const { published, leaver } = await start();
    await harness.run();
    const notifiedAt = leaver()?.notifiedAt;
    await harness.run();
    expect(published).toHaveLength(1);
    expect(leaver()?.notifiedAt).toBe(notifiedAt);
  });

  it('names only the leaver who is new in a later run', async () => {
    const { published } = await start();
    await harness.run();
    const ben = bamboohr.employees.get('801') as FakeEmployee;
    bamboohr.employees.set('801', { ...ben, status: 'Inactive', terminationDate: '2026-02-28' });
    await harness.run();
    expect(published).toHaveLength(2);
    expect(published[1]?.message).toContain('1. Ben Roe <ben@example.test> bamboohr:801');
    expect(published[1]?.message).not.toContain('Dee');
  });

  it('retries a failed publish on the next run; the run itself completes and logs the error code only', async () => {
    const { published, leaver } = await start();
    harness.aws.failNext('Publish', 1, 500);
    const summary = await harness.run();
    expect(summary.status).toBe('complete');
    expect(published).toEqual([]);
    expect(leaver()?.notifiedAt).toBeNull();
    expect(harness.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'leaver notice failed',
        attributes: { code: 'leaver-notice-unavailable' },
      }),
    );
    await harness.run();
    expect(published).toHaveLength(1);
    expect(published[0]?.message).toContain('dee@example.test');
    expect(leaver()?.notifiedAt).toEqual(expect.any(String));
  });

  it('logs no name or email, whether the notice is sent or fails', async () => {
    await start();
    harness.aws.failNext('Publish', 1, 500);
    await harness.run();
    await harness.run();
    expect(harness.logs).toContainEqual(
      expect.objectContaining({ message: 'leaver notice sent', attributes: { leavers: 1 } }),
    );
    expect(JSON.stringify(harness.logs)).not.toMatch(REVIEW_PERSONAL);
  });
});
