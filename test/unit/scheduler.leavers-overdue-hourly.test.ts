import { gzipSync } from 'node:zlib';
import { DynamoDBClient, GetItemCommand, type GetItemCommandInput } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccessReviewReport, Finding } from '../../lambda/core/access-review-report.js';
import { captureStdio } from '../support/emf-output.js';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/hr-sync-changes';
const TABLE = 'hr-sync-applied';
const HOUR = 3_600_000;
const context = { getRemainingTimeInMillis: () => 120_000 } as Context;

const leaver = (id: string, hoursAgo: number): Finding => ({
  kind: 'leaver-with-seat',
  employee: {
    provider: 'bamboohr',
    id,
    name: null,
    workEmail: null,
    status: 'terminated',
    terminationDate: null,
  },
  user: { id: 600 + Number(id), name: null, roleId: 4 },
  firstSeenAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
});
const hire = (hoursAgo: number): Finding => ({
  ...leaver('9', hoursAgo),
  kind: 'hire-without-seat',
  user: null,
});
const reviewOf = (findings: Finding[]): AccessReviewReport => ({
  generatedAt: new Date().toISOString(),
  stale: false,
  partial: [],
  findings,
});
/** The review as the stack stores it (lambda/aws/access-review-store.ts): gzipped JSON, base64. */
const stored = (report: AccessReviewReport) => ({
  Item: { review: { S: gzipSync(Buffer.from(JSON.stringify(report))).toString('base64') } },
});

/** The scheduler handler loaded fresh with an empty DLQ, its metrics on, its logs captured. */
async function loadScheduler(config: object = {}) {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('QUEUE_URL', QUEUE_URL);
  vi.stubEnv('DLQ_URL', `${QUEUE_URL}-dlq`);
  vi.stubEnv('MAX_REPLAYS', '3');
  vi.stubEnv('REDRIVE_LIMIT', '10');
  vi.stubEnv('APPLIED_TABLE', TABLE);
  vi.stubEnv('HR_SYNC_CONFIG', JSON.stringify(config));
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  mockClient(SQSClient).on(ReceiveMessageCommand).resolves({ Messages: [] });
  const dynamodb = mockClient(DynamoDBClient);
  vi.resetModules();
  const { handler } = await import('../../lambda/handlers/scheduler.js');
  return { dynamodb, redrive: () => handler({}, context) };
}

let stdio: ReturnType<typeof captureStdio> | undefined;
afterEach(() => {
  stdio?.stop();
  vi.unstubAllEnvs();
});

/** One hourly redrive: its result, the AccessReviewLeaversOverdue values it published, its log lines. */
async function hourly(redrive: () => Promise<unknown>) {
  stdio = captureStdio();
  const result = await redrive();
  stdio.stop();
  const overdue = stdio.documents().flatMap((document) => {
    const value = document.AccessReviewLeaversOverdue;
    return value === undefined ? [] : [value];
  });
  const logs = `${stdio.text()}\n${stdio.errors()}`.split('\n').flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      return typeof parsed.message === 'string' ? [parsed] : [];
    } catch {
      return [];
    }
  });
  return { result, overdue, logs };
}

describe('the hourly redrive and the leavers of the stored access review', () => {
  it('publishes the leavers past the default 24 hours of grace on every redrive, from the review stored then', async () => {
    const { dynamodb, redrive } = await loadScheduler();
    dynamodb
      .on(GetItemCommand)
      .resolvesOnce(stored(reviewOf([leaver('1', 30), leaver('2', 23), hire(100)])))
      .resolvesOnce(stored(reviewOf([leaver('1', 31), leaver('2', 25)])));
    const first = await hourly(redrive);
    expect(first.result).toMatchObject({ examined: 0, moved: 0 });
    expect(first.overdue).toEqual([1]);
    expect((await hourly(redrive)).overdue).toEqual([2]);
  });

  it('reads the access-review#latest item of the applied table only, and takes the grace from the config', async () => {
    const { dynamodb, redrive } = await loadScheduler({ accessReview: { leaverGraceHours: 48 } });
    dynamodb.on(GetItemCommand).resolves(stored(reviewOf([leaver('1', 30), leaver('2', 49)])));
    expect((await hourly(redrive)).overdue).toEqual([1]);
    const reads = dynamodb
      .commandCalls(GetItemCommand)
      .map((call) => call.args[0].input as GetItemCommandInput);
    expect(reads).toEqual([
      { TableName: TABLE, Key: { pk: { S: 'access-review#latest' } }, ConsistentRead: true },
    ]);
    expect(dynamodb.calls()).toHaveLength(1);
  });

  /** The hourly redrive ran as ever, and published no overdue count, saying why in its log. */
  const expectNothingPublished = (
    outcome: Awaited<ReturnType<typeof hourly>>,
    why: Record<string, string>,
  ) => {
    expect(outcome.result).toMatchObject({ examined: 0 });
    expect(outcome.overdue).toEqual([]);
    expect(outcome.logs).toContainEqual(
      expect.objectContaining({ message: 'access review overdue not counted', ...why }),
    );
  };

  it('publishes nothing and still redrives when no review exists yet, logging why', async () => {
    const { dynamodb, redrive } = await loadScheduler();
    dynamodb.on(GetItemCommand).resolves({});
    expectNothingPublished(await hourly(redrive), { code: 'access-review-missing' });
  });

  it('publishes nothing and still redrives when the review cannot be read, logging the code', async () => {
    const { dynamodb, redrive } = await loadScheduler();
    dynamodb
      .on(GetItemCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    expectNothingPublished(await hourly(redrive), { code: 'access-review-unavailable' });
  });

  it('publishes nothing and still redrives on a stack that does not set the applied table', async () => {
    const { redrive } = await loadScheduler();
    vi.stubEnv('APPLIED_TABLE', '');
    expectNothingPublished(await hourly(redrive), {
      code: 'access-review-unconfigured',
      reason: 'environment variable APPLIED_TABLE is not set (the stack sets it)',
    });
  });
});
