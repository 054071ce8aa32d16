import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeAwsEnv, runCli, runInProcess } from '../support/cli.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';

const TIMEOUT = { timeout: 30_000 };
let aws: FakeAws;

beforeAll(async () => {
  aws = await startFakeAws();
});
afterAll(() => aws.close());

/** An error as the SDK throws it: by name, with a message that must never reach the person. */
const sdkError = (name: string) =>
  Object.assign(new Error('raw SDK text SHOULD-NOT-PRINT'), { name, $metadata: { httpStatusCode: 400 } });

describe('hr-sync against AWS, when AWS says no', () => {
  it('asks for a region when none is set, in one line, exit 1', TIMEOUT, async () => {
    const run = await runCli(['status', '--stack', 'HrSync'], {
      env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
    });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'hr-sync: no AWS region: set AWS_REGION or pass --region (e.g. --region eu-west-1)\n',
    });
  });

  it('asks for credentials when there are none, in one line, exit 1', TIMEOUT, async () => {
    const run = await runCli(['dlq', 'list', '--stack', 'HrSync', '--region', 'eu-west-1'], {
      env: { AWS_ENDPOINT_URL: aws.url, AWS_EC2_METADATA_DISABLED: 'true' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'hr-sync: no AWS credentials: set AWS_PROFILE (and run aws sso login) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\n',
    );
  });

  it('names the stack and the region it looked in when there is no such stack, exit 1', TIMEOUT, async () => {
    const env = { ...fakeAwsEnv(aws.url), AWS_REGION: 'eu-west-1' };
    for (const args of [
      ['status', '--stack', 'Nope', '--region', 'eu-central-1'],
      ['dlq', 'list', '--stack', 'Nope', '--region', 'eu-central-1'],
      ['reconcile', '--stack', 'Nope', '--region', 'eu-central-1', '--config', 'hr-sync.config.example.json'],
    ]) {
      const run = await runCli(args, { env });
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toBe('hr-sync: no stack named Nope in eu-central-1; check --stack and --region\n');
    }
  });
});

describe('hr-sync against AWS, by the error the SDK throws', () => {
  const cloudFormation = mockClient(CloudFormationClient);
  afterEach(() => cloudFormation.reset());

  it.each([
    ['AccessDenied', 'hr-sync: access denied: this command needs sqs:GetQueueAttributes on both queues'],
    [
      'ExpiredToken',
      'hr-sync: the AWS credentials have expired: refresh them (aws sso login, or new keys) and run again',
    ],
    [
      'InvalidClientTokenId',
      'hr-sync: AWS does not accept these credentials (InvalidClientTokenId): check AWS_PROFILE, or AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN',
    ],
  ])('explains %s in one line with what to do, never the SDK text, exit 1', async (name, message) => {
    cloudFormation.on(DescribeStacksCommand).rejects(sdkError(name));
    const run = await runInProcess(['status', '--stack', 'HrSync']);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(new RegExp(`^${message.replace(/[()]/g, '\\$&')}`));
    expect(run.stderr).not.toContain('SHOULD-NOT-PRINT');
  });
});
