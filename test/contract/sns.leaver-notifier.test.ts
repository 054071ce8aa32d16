import { SNSClient } from '@aws-sdk/client-sns';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSnsLeaverNotifier } from '../../lambda/aws/leaver-notifier.js';
import { leaverNotice } from '../../lambda/core/leaver-notice.js';
import { NOW } from '../support/access-review.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';
import { leaverFinding } from '../support/leaver-findings.js';

let aws: FakeAws;
let client: SNSClient;
let topicArn: string;
beforeAll(async () => {
  aws = await startFakeAws();
  topicArn = aws.createTopic('hr-sync-alarms');
  client = new SNSClient({
    region: 'eu-west-1',
    endpoint: aws.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await aws.close();
});
afterEach(() => {
  aws.published.length = 0;
  vi.unstubAllEnvs();
});

const notifier = (arn = topicArn, options: { client?: SNSClient } = { client }) =>
  createSnsLeaverNotifier({
    topicArn: arn,
    stackName: 'hr-sync-prod',
    graceHours: 24,
    now: () => NOW,
    ...options,
  });
const publishCalls = () => aws.calls.filter((call) => call.action === 'Publish').length;

describe('leaver notices on the alarm topic (SNS Publish)', () => {
  it('publishes one notice naming the leavers, with the subject and message the core writes', async () => {
    const findings = [leaverFinding(1), leaverFinding(2)];
    await notifier().notify(findings);
    expect(aws.published).toEqual([
      { topicArn, ...leaverNotice(findings, { stackName: 'hr-sync-prod', now: NOW, graceHours: 24 }) },
    ]);
    expect(aws.published[0]?.message).toContain('Dee Gone1 <dee1@example.test> bamboohr:801');
  });

  it('publishes nothing when no leaver is given', async () => {
    const before = publishCalls();
    await notifier().notify([]);
    await notifier().notify([{ ...leaverFinding(1), kind: 'hire-without-seat', user: null }]);
    expect(publishCalls()).toBe(before);
  });

  it('builds its own client with the project settings: the endpoint from the environment, three attempts', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', aws.url);
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    aws.failNext('Publish', 2, 500);
    const before = publishCalls();
    await notifier(topicArn, {}).notify([leaverFinding(1)]);
    expect(publishCalls() - before).toBe(3);
    expect(aws.published).toHaveLength(1);
  });

  it('fails a topic SNS does not know as permanent, naming the topic and the SNS error, never a person', async () => {
    const missing = 'arn:aws:sns:eu-west-1:000000000000:deleted';
    const error = await notifier(missing)
      .notify([leaverFinding(1)])
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'permanent', code: 'leaver-notice-refused' });
    expect((error as Error).message).toBe(
      `leaver notice: SNS refused Publish to ${missing} (NotFoundException); check the topic and the function's sns:Publish grant`,
    );
  });

  it('fails an SNS outage as transient, naming no one', async () => {
    aws.failNext('Publish', 1, 500);
    const error = await notifier()
      .notify([leaverFinding(1)])
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'transient', code: 'leaver-notice-unavailable' });
    expect((error as Error).message).toMatch(
      /^leaver notice: SNS Publish to arn:aws:sns:\S+ failed \(\w+\)$/,
    );
    expect(aws.published).toEqual([]);
  });
});
