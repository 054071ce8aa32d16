import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDynamoAccessReviewStore } from '../../lambda/aws/access-review-store.js';
import { parseConfig } from '../../lambda/config/load.js';
import type { ConfigInput } from '../../lambda/config/schema.js';
import type { Finding } from '../../lambda/core/access-review-report.js';
import { notifyingReviewStore } from '../../lambda/service/notifying-review-store.js';
import { useFakeDynamoDb } from '../support/fake-dynamodb.js';
import { type FakeHeymarket, startFakeHeymarket } from '../support/fake-heymarket.js';
import { recordingDeps } from '../support/recording.js';
import { recordingMetrics } from '../support/recording-metrics.js';
import { receiveWebhook, terminationOf, workerOnFake } from '../support/termination-webhook.js';

/**
 * A Standard Webhooks termination, signed as a sender signs it, through the real receiver (verify,
 * parse, queue message) and the worker as the Lambda handler builds it (buildWorker: the Heymarket
 * client against the loopback fake, the access review in the applied table of the fake DynamoDB), one
 * SQS batch, with a notifier that records what it is told: the local host's wiring. On a stack the
 * worker has none and the notice follows its write: worker.termination-notice-on-a-stack.test.ts.
 */
const TABLE = 'hr-sync-applied';
const GRACE = {
  id: 301,
  email: 'grace.hopper@example.test',
  first_name: 'Grace',
  last_name: 'Hopper',
  role_id: 4,
};
const LEAVER_ROLE = 9;
const db = useFakeDynamoDb();
let heymarket: FakeHeymarket;

beforeAll(async () => {
  heymarket = await startFakeHeymarket({ users: [GRACE] });
});
afterAll(async () => {
  await heymarket.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  db.aws.items(TABLE).clear();
});

const termination = terminationOf(GRACE, 'E1001');

function worker(config: ConfigInput = {}) {
  const notices: Finding[][] = [];
  const { logs, deps } = recordingDeps();
  const { metrics, counts } = recordingMetrics();
  const batch = workerOnFake(heymarket.url, {
    config: parseConfig(config, 'test'),
    // Notified after each write of the review, as the local host wires it; a stack's notifier follows
    // the table's stream instead (worker.termination-notice-on-a-stack.test.ts).
    accessReview: notifyingReviewStore(
      createDynamoAccessReviewStore({ tableName: TABLE, client: db.client }),
      {
        notifier: {
          notify: async (findings) => {
            notices.push([...findings]);
          },
        },
        log: deps.log,
        now: Date.now,
      },
    ),
    log: deps.log,
    metrics,
  });
  return { batch, notices, logs, counts };
}

const storedReview = () => createDynamoAccessReviewStore({ tableName: TABLE, client: db.client }).read();

describe('a termination webhook through the receiver and one worker batch', () => {
  it('produces the leaver-with-seat finding in the stored review and exactly one notice naming it', async () => {
    const bodies = await receiveWebhook(termination('evt-term-1'));
    const { batch, notices, logs } = worker();
    const before = heymarket.requests.length;

    const result = await batch(bodies);

    // termination.action ignore changes no field: the one call is the users/get that finds the seat.
    expect(heymarket.requests.slice(before).map((request) => request.path)).toEqual(['/v1/users/get']);
    expect(result.retry).toEqual([]);
    const review = await storedReview();
    expect(review?.findings).toEqual([
      {
        kind: 'leaver-with-seat',
        employee: {
          provider: 'standard',
          id: 'E1001',
          name: 'Grace Hopper',
          workEmail: GRACE.email,
          status: 'terminated',
          terminationDate: null,
        },
        user: { id: GRACE.id, name: null, roleId: 4 },
        firstSeenAt: expect.any(String),
        // Named in the notice, so marked: the next write names her no more.
        notifiedAt: expect.any(String),
      },
    ]);
    // No reconcile run has listed anyone yet; Standard Webhooks has no list API, so nothing is partial.
    expect(review).toMatchObject({ stale: false, partial: [] });
    expect(notices).toEqual([review?.findings.map(({ notifiedAt: _, ...finding }) => finding)]);
    // The notice names the person; the worker's logs never do.
    const logged = JSON.stringify(logs);
    for (const personal of ['Grace', 'Hopper', GRACE.email, '@']) expect(logged).not.toContain(personal);
    expect(logs.map((line) => line.message)).toContain('leavers added to the access review');
  });

  it('notifies once only: the same termination delivered again keeps its finding and first sighting', async () => {
    const bodies = await receiveWebhook(termination('evt-term-2'));
    const { batch, notices } = worker();
    await batch(bodies);
    const first = await storedReview();
    await batch(bodies);
    expect(await storedReview()).toEqual(first);
    expect(notices).toHaveLength(1);
  });

  it('gives no finding and no notice once the batch moved the user to the termination role', async () => {
    const bodies = await receiveWebhook(termination('evt-term-3'));
    const { batch, notices } = worker({ termination: { action: 'move-to-role', roleId: LEAVER_ROLE } });
    const result = await batch(bodies);
    expect(result.retry).toEqual([]);
    expect(heymarket.users.get(GRACE.id)?.role_id).toBe(LEAVER_ROLE);
    expect(await storedReview()).toBeUndefined();
    expect(notices).toEqual([]);
    const user = heymarket.users.get(GRACE.id);
    if (user) user.role_id = 4;
  });
});
