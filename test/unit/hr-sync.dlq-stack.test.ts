import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAwsEnv, runCli } from '../support/cli.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';

let aws: FakeAws;
let env: Record<string, string>;
const TIMEOUT = { timeout: 30_000 };

beforeAll(async () => {
  aws = await startFakeAws();
  env = fakeAwsEnv(aws.url);
  aws.putStack('HrSync', { QueueUrl: aws.queueUrl('stack-changes'), DlqUrl: aws.queueUrl('stack-dlq') });
  aws.putStack('NotOurs', { BucketName: 'something-else' });
  aws.messages(aws.queueUrl('stack-dlq')).push({
    messageId: 'm1',
    body: JSON.stringify({ v: 1, provider: 'merge', eventId: 'evt-m1', employee: { id: 'E9' } }),
    attributes: {
      provider: { DataType: 'String', StringValue: 'merge' },
      errorClass: { DataType: 'String', StringValue: 'unknown-email' },
    },
    receiveCount: 0,
    sentAt: Date.now(),
  });
});
afterAll(() => aws.close());

describe('hr-sync dlq --stack', () => {
  it("finds the queues in the stack's QueueUrl and DlqUrl outputs", TIMEOUT, async () => {
    const run = await runCli(['dlq', 'list', '--stack', 'HrSync', '--json'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      total: 1,
      byErrorClass: { 'unknown-email': 1 },
      byProvider: { merge: 1 },
      messages: [{ messageId: 'm1', eventId: 'evt-m1', provider: 'merge', errorClass: 'unknown-email' }],
    });
    expect(aws.calls.map((call) => call.action)).toContain('DescribeStacks');
  });

  it('says when the stack has no queue outputs, exit 2', TIMEOUT, async () => {
    const run = await runCli(['dlq', 'list', '--stack', 'NotOurs'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'hr-sync: stack NotOurs has no QueueUrl/DlqUrl outputs: is it a heymarket-hr-sync stack, deployed in this region (AWS_REGION)?\n',
    );
    // The message says what to do: the whole usage would bury it.
    expect(run.stderr).not.toContain('usage:');
  });
});
