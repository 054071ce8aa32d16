import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDynamoAccessReviewStore } from '../../lambda/aws/access-review-store.js';
import type { AccessReviewReport, Finding } from '../../lambda/core/access-review-report.js';
import { captureStdio } from '../support/emf-output.js';
import { useFakeDynamoDb } from '../support/fake-dynamodb.js';
import { leaverFinding } from '../support/leaver-findings.js';
import { loadLeaverNotifier, reviewRecord, streamEvent } from '../support/review-stream.js';

/**
 * A notice SNS does not take: the record is reported as failed, so Lambda retries the stream from it
 * (infra/leaver-notices.ts bounds the retries and keeps what still fails); nothing is marked, so no
 * leaver is lost; and the logs say why without naming anyone.
 */
const TABLE = 'hr-sync-applied';
const db = useFakeDynamoDb();
let topicArn: string;
beforeAll(() => {
  topicArn = db.aws.createTopic('hr-sync-alarms');
});
let stdio: ReturnType<typeof captureStdio> | undefined;
afterEach(() => {
  stdio?.stop();
  db.aws.items(TABLE).clear();
  db.aws.published.length = 0;
  vi.unstubAllEnvs();
});

const store = () => createDynamoAccessReviewStore({ tableName: TABLE, client: db.client });
const reviewOf = (findings: Finding[]): AccessReviewReport => ({
  generatedAt: new Date().toISOString(),
  stale: false,
  partial: [],
  findings,
});
const notified = async () => (await store().read())?.findings.map((finding) => Boolean(finding.notifiedAt));
const publishCalls = () => db.aws.calls.filter((call) => call.action === 'Publish').length;

describe('a leaver notice that fails', () => {
  it('reports its record as failed, so the stream retries from it, and leaves its leavers un-notified', async () => {
    const handle = await loadLeaverNotifier(db.aws, { table: TABLE, topicArn });
    await store().write(reviewOf([leaverFinding(1)]));
    const record = reviewRecord(db.aws, TABLE, 'INSERT');
    // Every attempt the SDK makes (three) fails.
    db.aws.failNext('Publish', 3, 500);

    const answer = await handle(streamEvent(record));

    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber }] });
    expect(db.aws.published).toEqual([]);
    expect(await notified()).toEqual([false]);

    // Lambda's retry of the same record.
    expect(await handle(streamEvent(record))).toEqual({ batchItemFailures: [] });
    expect(db.aws.published).toHaveLength(1);
    expect(await notified()).toEqual([true]);
  });

  it('stops the batch at the record that failed: no later record is handled before it', async () => {
    const handle = await loadLeaverNotifier(db.aws, { table: TABLE, topicArn });
    await store().write(reviewOf([leaverFinding(1)]));
    const first = reviewRecord(db.aws, TABLE, 'INSERT');
    await store().write(reviewOf([leaverFinding(1), leaverFinding(2)]));
    const second = reviewRecord(db.aws, TABLE);
    db.aws.failNext('Publish', 3, 500);
    const before = publishCalls();

    const answer = await handle(streamEvent(first, second));

    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: first.dynamodb?.SequenceNumber }]);
    expect(publishCalls() - before).toBe(3);
    expect(await notified()).toEqual([false, false]);
  });

  it('fails the record when SNS refuses the topic, naming the topic and the SNS error in the log, never a person', async () => {
    const missing = 'arn:aws:sns:eu-west-1:000000000000:deleted';
    const handle = await loadLeaverNotifier(db.aws, { table: TABLE, topicArn: missing, logLevel: 'INFO' });
    await store().write(reviewOf([leaverFinding(1)]));
    const record = reviewRecord(db.aws, TABLE);
    stdio = captureStdio();

    const answer = await handle(streamEvent(record));
    stdio.stop();

    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: record.dynamodb?.SequenceNumber }]);
    const logged = `${stdio.text()}\n${stdio.errors()}`;
    const lines = logged
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'leaver notice failed',
        code: 'leaver-notice-refused',
        kind: 'permanent',
        reason: expect.stringContaining(`SNS refused Publish to ${missing} (NotFoundException)`),
      }),
    );
    for (const personal of ['Dee', 'Gone', 'example.test', '@']) expect(logged).not.toContain(personal);
  });

  it('logs the count of a notice sent, never a name or an email', async () => {
    const handle = await loadLeaverNotifier(db.aws, { table: TABLE, topicArn, logLevel: 'INFO' });
    await store().write(reviewOf([leaverFinding(1), leaverFinding(2)]));
    stdio = captureStdio();

    await handle(streamEvent(reviewRecord(db.aws, TABLE)));
    stdio.stop();

    expect(stdio.text()).toContain('"message":"leaver notice sent"');
    expect(stdio.text()).toContain('"leavers":2');
    for (const personal of ['Dee', 'Gone', 'example.test', '@']) expect(stdio.text()).not.toContain(personal);
  });

  it('passes over a record whose review cannot be read, and handles the ones after it', async () => {
    const handle = await loadLeaverNotifier(db.aws, { table: TABLE, topicArn, logLevel: 'INFO' });
    await store().write(reviewOf([leaverFinding(1)]));
    const good = reviewRecord(db.aws, TABLE);
    const broken = reviewRecord(db.aws, TABLE);
    if (broken.dynamodb?.NewImage) broken.dynamodb.NewImage.review = { S: 'bm90IGd6aXA=' };
    stdio = captureStdio();

    const answer = await handle(streamEvent(broken, good));
    stdio.stop();

    expect(answer).toEqual({ batchItemFailures: [] });
    expect(db.aws.published).toHaveLength(1);
    expect(stdio.errors()).toContain('"message":"leaver notice record unreadable"');
    expect(stdio.errors()).toContain('"code":"access-review-unreadable"');
  });
});
