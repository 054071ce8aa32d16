import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAwsEnv, runCli } from '../support/cli.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';
import { useLocalData } from '../support/local-data.js';

const TIMEOUT = { timeout: 30_000 };
const data = useLocalData();

describe('hr-sync dlq list and show chain by either id', () => {
  it('shows a message by the message id and by the event id that dlq list prints', TIMEOUT, async () => {
    const list = JSON.parse((await runCli(['dlq', 'list', '--json'], { cwd: data.cwd })).stdout);
    const listed = list.messages.find((message: { eventId: string }) => message.eventId === 'b');
    expect(listed).toMatchObject({
      messageId: data.deadLetters.b,
      provider: 'hibob',
      errorClass: 'unknown-email',
    });
    for (const id of [listed.messageId, listed.eventId]) {
      const show = await runCli(['dlq', 'show', id, '--json'], { cwd: data.cwd });
      expect(show.code, id).toBe(0);
      expect(JSON.parse(show.stdout)).toMatchObject({ messageId: data.deadLetters.b, eventId: 'b' });
    }
  });
});

describe('hr-sync dlq show --stack by event id', () => {
  let aws: FakeAws;
  beforeAll(async () => {
    aws = await startFakeAws();
    aws.putStack('HrSync', { QueueUrl: aws.queueUrl('ids-changes'), DlqUrl: aws.queueUrl('ids-dlq') });
    aws.messages(aws.queueUrl('ids-dlq')).push({
      messageId: 'sqs-msg-1',
      body: JSON.stringify({ v: 1, provider: 'merge', eventId: 'evt-replayed', employee: { id: 'E9' } }),
      attributes: { errorClass: { DataType: 'String', StringValue: 'unknown-email' } },
      receiveCount: 0,
      sentAt: Date.now(),
    });
  });
  afterAll(() => aws.close());

  it('finds the message by the event id in its body, and releases it', TIMEOUT, async () => {
    const show = await runCli(['dlq', 'show', 'evt-replayed', '--stack', 'HrSync'], {
      env: fakeAwsEnv(aws.url),
    });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('message sqs-msg-1\n');
    expect(show.stdout).toContain('event evt-replayed');
    expect(aws.messages(aws.queueUrl('ids-dlq'))).toHaveLength(1);
  });
});
