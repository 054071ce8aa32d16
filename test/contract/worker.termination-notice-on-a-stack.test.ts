import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDynamoAccessReviewStore } from '../../lambda/aws/access-review-store.js';
import { parseConfig } from '../../lambda/config/load.js';
import { useFakeDynamoDb } from '../support/fake-dynamodb.js';
import { type FakeHeymarket, startFakeHeymarket } from '../support/fake-heymarket.js';
import { recordingDeps } from '../support/recording.js';
import { loadLeaverNotifier, reviewRecord, streamEvent } from '../support/review-stream.js';
import { receiveWebhook, terminationOf, workerOnFake } from '../support/termination-webhook.js';

/**
 * On a stack, a termination webhook ends in a notice this way: the real receiver queues it; one worker
 * batch, wired as lambda/handlers/worker.ts wires it (no notifier: the review it writes is the
 * notice's trigger), adds the leaver finding to the review in the applied table (the fake DynamoDB);
 * the table's stream hands that write to the leaver notifier handler, which publishes to the alarm
 * topic (the fake SNS). The stream record is built from the item the worker wrote, which is what
 * DynamoDB Streams delivers.
 */
const TABLE = 'hr-sync-applied';
const ADA = {
  id: 302,
  email: 'ada.lovelace@example.test',
  first_name: 'Ada',
  last_name: 'Lovelace',
  role_id: 4,
};
const db = useFakeDynamoDb();
let heymarket: FakeHeymarket;
let topicArn: string;

beforeAll(async () => {
  heymarket = await startFakeHeymarket({ users: [ADA] });
  topicArn = db.aws.createTopic('hr-sync-alarms');
});
afterAll(async () => {
  await heymarket.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  db.aws.items(TABLE).clear();
  db.aws.published.length = 0;
});

const termination = terminationOf(ADA, 'E2002');

function workerBatch() {
  const { deps } = recordingDeps();
  // Wired as lambda/handlers/worker.ts wires it: the review in the applied table, no notifier.
  return workerOnFake(heymarket.url, {
    config: parseConfig({}, 'test'),
    accessReview: createDynamoAccessReviewStore({ tableName: TABLE, client: db.client }),
    log: deps.log,
  });
}

describe('a termination webhook on a stack', () => {
  it('ends, through the receiver, one worker batch and the stream of its write, in exactly one notice naming the leaver', async () => {
    const bodies = await receiveWebhook(termination('evt-stack-1'));
    const batch = await workerBatch()(bodies);
    expect(batch.retry).toEqual([]);
    const written = reviewRecord(db.aws, TABLE, 'INSERT');
    const notify = await loadLeaverNotifier(db.aws, { table: TABLE, topicArn });

    expect(await notify(streamEvent(written))).toEqual({ batchItemFailures: [] });

    expect(db.aws.published).toHaveLength(1);
    expect(db.aws.published[0]).toMatchObject({
      topicArn,
      subject: 'heymarket-hr-sync hr-sync-prod: 1 leaver still holds a Heymarket seat',
    });
    expect(db.aws.published[0]?.message).toContain(`Ada Lovelace <${ADA.email}> standard:E2002`);
    expect(db.aws.published[0]?.message).toContain(`Heymarket user ${ADA.id}`);
    // The notifier's mark is one more write of the review; its record names no one again.
    const mark = reviewRecord(db.aws, TABLE);
    await notify(streamEvent(written, mark));
    expect(db.aws.published).toHaveLength(1);
  });

  it('is not notified again when the same termination comes through once more', async () => {
    const bodies = await receiveWebhook(termination('evt-stack-2'));
    const batch = workerBatch();
    await batch(bodies);
    const notify = await loadLeaverNotifier(db.aws, { table: TABLE, topicArn });
    await notify(streamEvent(reviewRecord(db.aws, TABLE, 'INSERT')));

    await batch(bodies);
    await notify(streamEvent(reviewRecord(db.aws, TABLE)));

    expect(db.aws.published).toHaveLength(1);
  });
});
