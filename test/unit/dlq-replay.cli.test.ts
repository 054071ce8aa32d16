import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDlqArgs, UsageError } from '../../lambda/cli/dlq-args.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';

const run = promisify(execFile);
let aws: FakeAws;
let env: NodeJS.ProcessEnv;

const string = (value: string) => ({ DataType: 'String', StringValue: value });
function seed(id: string, provider: string, errorClass?: string) {
  aws.messages(aws.queueUrl('changes-dlq')).push({
    messageId: id,
    body: JSON.stringify({
      v: 1,
      provider,
      eventId: `evt-${id}`,
      employee: { id: 'E1', workEmail: 'ada@example.com' },
    }),
    attributes: {
      provider: string(provider),
      eventId: string(`evt-${id}`),
      ...(errorClass ? { errorClass: string(errorClass) } : {}),
    },
    receiveCount: 0,
    sentAt: Date.now(),
  });
}
const cli = (...args: string[]) => run('npx', ['tsx', 'lambda/cli/main.ts', ...args], { env });

beforeAll(async () => {
  aws = await startFakeAws();
  env = {
    ...process.env,
    AWS_ENDPOINT_URL: aws.url,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    QUEUE_URL: aws.queueUrl('changes'),
    DLQ_URL: aws.queueUrl('changes-dlq'),
  };
  seed('a', 'hibob', 'unknown-email');
  seed('b', 'hibob', 'heymarket-5xx');
  seed('c', 'merge', 'unknown-email');
  seed('d', 'merge');
});
afterAll(() => aws.close());

describe('hr-sync dlq', () => {
  it('lists counts by error class and provider as JSON, and deletes nothing', {
    timeout: 60_000,
  }, async () => {
    const { stdout } = await cli('dlq', 'list', '--json');
    expect(JSON.parse(stdout)).toEqual({
      total: 4,
      byErrorClass: { 'unknown-email': 2, 'heymarket-5xx': 1, '(none: maxReceiveCount)': 1 },
      byProvider: { hibob: 2, merge: 2 },
    });
    expect(stdout).not.toContain('ada@example.com');
    expect(aws.messages(aws.queueUrl('changes-dlq'))).toHaveLength(4);
    expect(aws.calls.map((call) => call.action)).not.toContain('DeleteMessage');
  });

  it('replays only the selected messages to the main queue, with replayCount 1', {
    timeout: 60_000,
  }, async () => {
    const dry = await cli(
      'dlq',
      'replay',
      '--error-class',
      'unknown-email',
      '--provider',
      'merge',
      '--dry-run',
      '--json',
    );
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, examined: 4, moved: 1, kept: 3 });
    expect(aws.messages(aws.queueUrl('changes'))).toHaveLength(0);

    const { stdout } = await cli('dlq', 'replay', '--error-class', 'unknown-email', '--provider', 'merge');
    expect(stdout).toContain('moved 1 of 4 examined; 3 left in the DLQ');
    const [replayed] = aws.messages(aws.queueUrl('changes'));
    expect(JSON.parse(replayed?.body ?? '{}').eventId).toBe('evt-c');
    expect(replayed?.attributes.replayCount).toEqual({ DataType: 'Number', StringValue: '1' });
    expect(aws.messages(aws.queueUrl('changes-dlq')).map((message) => message.messageId)).toEqual([
      'a',
      'b',
      'd',
    ]);
  });

  it('says how to give it the queues when it has none', { timeout: 60_000 }, async () => {
    const { QUEUE_URL: _q, DLQ_URL: _d, ...withoutQueues } = env;
    const failed = await run('npx', ['tsx', 'lambda/cli/main.ts', 'dlq', 'list'], {
      env: withoutQueues,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain(
      'pass --queue-url and --dlq-url, set QUEUE_URL and DLQ_URL, or pass --stack',
    );
  });
});

describe('parsing hr-sync dlq arguments', () => {
  it('reads replay filters, dry run and queue flags', () => {
    expect(
      parseDlqArgs([
        'dlq',
        'replay',
        '--error-class',
        'unknown-email',
        '--provider',
        'hibob',
        '--employee',
        'E7',
        '--dry-run',
        '--dlq-url',
        'u',
      ]),
    ).toMatchObject({
      name: 'replay',
      errorClass: 'unknown-email',
      provider: 'hibob',
      employeeId: 'E7',
      dryRun: true,
      queues: { dlqUrl: 'u' },
    });
    expect(parseDlqArgs(['dlq', 'replay', '--all', '--rate', '20'])).toMatchObject({
      name: 'replay-all',
      rate: 20,
    });
  });

  it.each([
    [['dlq', 'replay'], /needs --all or at least one of/],
    [['dlq', 'replay', '--all', '--provider', 'hibob'], /leave out/],
    [['dlq', 'replay', '--all', '--rate', 'fast'], /--rate must be a whole number/],
    [['dlq', 'show'], /needs a message id/],
    [['dlq', 'list', '--bogus'], /bogus/],
  ])('refuses %j with a message saying what to do', (argv, message) => {
    expect(() => parseDlqArgs(argv)).toThrow(UsageError);
    expect(() => parseDlqArgs(argv)).toThrow(message);
  });
});
