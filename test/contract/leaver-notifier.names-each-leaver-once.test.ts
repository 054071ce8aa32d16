import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDynamoAccessReviewStore } from '../../lambda/aws/access-review-store.js';
import type { AccessReviewReport, Finding } from '../../lambda/core/access-review-report.js';
import { useFakeDynamoDb } from '../support/fake-dynamodb.js';
import { leaverFinding } from '../support/leaver-findings.js';
import { loadLeaverNotifier, reviewRecord, streamEvent, streamRecord } from '../support/review-stream.js';

/**
 * The leaver notifier handler fed the applied table's stream records of real writes (the review as the
 * store writes it, in the fake DynamoDB), publishing to the fake SNS topic.
 */
const TABLE = 'hr-sync-applied';
const db = useFakeDynamoDb();
let topicArn: string;
beforeAll(() => {
  topicArn = db.aws.createTopic('hr-sync-alarms');
});
afterEach(() => {
  db.aws.items(TABLE).clear();
  db.aws.published.length = 0;
  vi.unstubAllEnvs();
});

const store = () => createDynamoAccessReviewStore({ tableName: TABLE, client: db.client });
const hire: Finding = { ...leaverFinding(9), kind: 'hire-without-seat', user: null };
const reviewOf = (findings: Finding[]): AccessReviewReport => ({
  generatedAt: new Date().toISOString(),
  stale: false,
  partial: [],
  findings,
});
const callsOf = (action: string) => db.aws.calls.filter((call) => call.action === action).length;
const notifier = () => loadLeaverNotifier(db.aws, { table: TABLE, topicArn });

describe('the leaver notifier, fed the applied table’s stream', () => {
  it('publishes one notice naming the leavers a write left un-notified, then marks them in the stored review', async () => {
    const handle = await notifier();
    await store().write(reviewOf([leaverFinding(1), leaverFinding(2), hire]));

    expect(await handle(streamEvent(reviewRecord(db.aws, TABLE, 'INSERT')))).toEqual({
      batchItemFailures: [],
    });

    expect(db.aws.published).toHaveLength(1);
    const [notice] = db.aws.published;
    expect(notice?.topicArn).toBe(topicArn);
    expect(notice?.subject).toBe('heymarket-hr-sync hr-sync-prod: 2 leavers still hold a Heymarket seat');
    expect(notice?.message).toContain('Dee Gone1 <dee1@example.test> bamboohr:801');
    expect(notice?.message).toContain('Dee Gone2 <dee2@example.test> bamboohr:802');
    expect(notice?.message).toContain('hr-sync access-review --stack hr-sync-prod');
    const stored = await store().read();
    expect(stored?.findings.map((finding) => [finding.kind, Boolean(finding.notifiedAt)])).toEqual([
      ['leaver-with-seat', true],
      ['leaver-with-seat', true],
      ['hire-without-seat', false],
    ]);
  });

  it('sends nothing for the record its own mark writes, and makes no call for it', async () => {
    const handle = await notifier();
    await store().write(reviewOf([leaverFinding(1)]));
    await handle(streamEvent(reviewRecord(db.aws, TABLE)));
    const before = db.aws.calls.length;

    await handle(streamEvent(reviewRecord(db.aws, TABLE)));

    expect(db.aws.published).toHaveLength(1);
    expect(db.aws.calls.length).toBe(before);
  });

  it('sends nothing again for a write it already handled, delivered once more after the mark', async () => {
    const handle = await notifier();
    await store().write(reviewOf([leaverFinding(1)]));
    const write = reviewRecord(db.aws, TABLE);
    await handle(streamEvent(write));
    const marked = await store().read();

    expect(await handle(streamEvent(write))).toEqual({ batchItemFailures: [] });

    expect(db.aws.published).toHaveLength(1);
    expect(await store().read()).toEqual(marked);
  });

  it('names in one notice the leavers of several writes in one batch, each once', async () => {
    const handle = await notifier();
    await store().write(reviewOf([leaverFinding(1)]));
    const first = reviewRecord(db.aws, TABLE, 'INSERT');
    await store().write(reviewOf([leaverFinding(1), leaverFinding(2)]));
    const second = reviewRecord(db.aws, TABLE);

    await handle(streamEvent(first, second));

    expect(db.aws.published).toHaveLength(1);
    expect(db.aws.published[0]?.message).toContain('bamboohr:801');
    expect(db.aws.published[0]?.message).toContain('bamboohr:802');
    expect((await store().read())?.findings.every((finding) => finding.notifiedAt)).toBe(true);
  });

  it('sends nothing for a review whose leavers were all notified, or that has none', async () => {
    const handle = await notifier();
    await store().write(reviewOf([{ ...leaverFinding(1), notifiedAt: '2026-03-10T12:00:00.000Z' }, hire]));
    const before = callsOf('GetItem');

    await handle(streamEvent(reviewRecord(db.aws, TABLE)));
    await store().write(reviewOf([hire]));
    await handle(streamEvent(reviewRecord(db.aws, TABLE)));

    expect(db.aws.published).toEqual([]);
    expect(callsOf('GetItem')).toBe(before);
  });

  it('passes over the removal of the review and the writes of any other item', async () => {
    const handle = await notifier();
    await store().write(reviewOf([leaverFinding(1)]));
    const review = db.aws.items(TABLE).get('access-review#latest');
    const employee = { ...review, pk: { S: 'bamboohr#acme#801' } };
    const before = db.aws.calls.length;

    const answer = await handle(
      streamEvent(streamRecord(review, 'REMOVE'), streamRecord(employee, 'INSERT')),
    );

    expect(answer).toEqual({ batchItemFailures: [] });
    expect(db.aws.published).toEqual([]);
    expect(db.aws.calls.length).toBe(before);
  });
});
