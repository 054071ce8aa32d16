import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsTarget } from '../../lambda/cli/aws-target.js';
import { runDlqCommand } from '../../lambda/cli/dlq-actions.js';
import { replayCommand } from '../../lambda/cli/dlq-args.js';
import { runInProcess } from '../support/cli.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';

const run = promisify(execFile);
let aws: FakeAws;
let env: NodeJS.ProcessEnv;

const string = (value: string) => ({ DataType: 'String', StringValue: value });
function seed(id: string, provider: string, errorClass?: string, dlq = 'changes-dlq') {
  aws.messages(aws.queueUrl(dlq)).push({
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
    expect(JSON.parse(stdout)).toMatchObject({
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
      // Nor local data, wherever a developer's npm start left it.
      env: { ...withoutQueues, HR_SYNC_DATA_DIR: 'no-local-data-here' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toContain(
      'pass --queue-url and --dlq-url, set QUEUE_URL and DLQ_URL, or pass --stack',
    );
  });
});

describe('hr-sync dlq replay --all', () => {
  /** The command as main.ts runs it, in process, with a sleep that does not wait. */
  async function replayAll(name: string, options: { json?: boolean } = {}) {
    const lines: string[] = [];
    const drawn: string[] = [];
    const sleeps: number[] = [];
    const client = new SQSClient({
      region: 'eu-west-1',
      endpoint: aws.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const code = await runDlqCommand(
      { name: 'replay-all', rate: undefined, wait: true, dryRun: false, json: options.json ?? false, queues },
      {
        target: createAwsTarget({
          label: name,
          sqs: client,
          queueUrls: async () => ({ queueUrl: aws.queueUrl(name), dlqUrl: aws.queueUrl(`${name}-dlq`) }),
          appliedTable: async () => `${name}-applied`,
        }),
        out: (line) => lines.push(line),
        progressStream: { isTTY: true, write: (text) => drawn.push(text) },
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
    ).finally(() => client.destroy());
    return { code, stdout: lines.join('\n'), drawn, sleeps };
  }
  const queues = { queueUrl: undefined, dlqUrl: undefined, stack: undefined };

  it('follows the move task to COMPLETED, showing progress, and the messages are on the main queue', async () => {
    for (const id of ['m1', 'm2', 'm3']) seed(id, 'hibob', 'heymarket-5xx', 'moves-dlq');
    const { code, stdout, drawn, sleeps } = await replayAll('moves');
    expect(code).toBe(0);
    expect(stdout).toContain('(Ctrl-C stops watching, not the move)');
    expect(stdout).toContain('moved 3 of 3 message(s) from the DLQ to the main queue (task COMPLETED)');
    expect(drawn.join('')).toContain('] 1/3');
    expect(drawn.join('')).toContain('] 3/3');
    expect(sleeps).toEqual([2000]);
    expect(aws.messages(aws.queueUrl('moves-dlq'))).toEqual([]);
    expect(aws.messages(aws.queueUrl('moves')).map((message) => JSON.parse(message.body).eventId)).toEqual([
      'evt-m1',
      'evt-m2',
      'evt-m3',
    ]);
    expect(aws.messages(aws.queueUrl('moves'))[0]?.attributes.errorClass).toEqual(string('heymarket-5xx'));
  });

  it('reports the final figures as JSON', async () => {
    seed('j1', 'merge', undefined, 'moves-json-dlq');
    const { code, stdout } = await replayAll('moves-json', { json: true });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      dryRun: false,
      approximateMessages: 1,
      status: 'COMPLETED',
      moved: 1,
      toMove: 1,
    });
  });

  it('exits non-zero with the reason when the task FAILED; running it again moves the rest', async () => {
    for (const id of ['f1', 'f2', 'f3']) seed(id, 'hibob', 'heymarket-5xx', 'fails-dlq');
    aws.failMoveTask('CouldNotDetermineMessageSource');
    const { code, stdout } = await replayAll('fails');
    expect(code).toBe(1);
    expect(stdout).toContain(
      'move task FAILED after moving 1 of 3 message(s): CouldNotDetermineMessageSource',
    );
    expect(stdout).toContain('the rest is still in the DLQ: fix that cause, then run replay --all again');
    expect(aws.messages(aws.queueUrl('fails-dlq'))).toHaveLength(2);

    seed('f4', 'hibob', 'heymarket-5xx', 'fails-dlq');
    const json = await replayAll('fails', { json: true });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'COMPLETED', moved: 3, toMove: 3 });
  });

  it('with --no-wait, starts the task, prints its handle and returns', { timeout: 60_000 }, async () => {
    seed('n1', 'hibob', 'heymarket-5xx', 'nowait-dlq');
    const listed = () => aws.calls.filter((call) => call.action === 'ListMessageMoveTasks').length;
    const before = listed();
    const { stdout } = await cli(
      'dlq',
      'replay',
      '--all',
      '--no-wait',
      '--queue-url',
      aws.queueUrl('nowait'),
      '--dlq-url',
      aws.queueUrl('nowait-dlq'),
    );
    expect(stdout).toMatch(/^moving about 1 message\(s\); task \S+\n/);
    expect(stdout).toContain(
      'follow it with: aws sqs list-message-move-tasks --source-arn arn:aws:sqs:eu-west-1:000000000000:nowait-dlq',
    );
    expect(listed()).toBe(before);
  });
});

describe('parsing hr-sync dlq replay', () => {
  it('reads replay filters, dry run and queue flags', () => {
    const queues = { queueUrl: undefined, dlqUrl: 'u', stack: undefined };
    expect(
      replayCommand({ errorClass: 'unknown-email', provider: 'hibob', employee: 'E7', dryRun: true }, queues),
    ).toMatchObject({
      name: 'replay',
      errorClass: 'unknown-email',
      provider: 'hibob',
      employeeId: 'E7',
      dryRun: true,
      queues: { dlqUrl: 'u' },
    });
    expect(replayCommand({ all: true, rate: 20 }, queues)).toMatchObject({
      name: 'replay-all',
      rate: 20,
      wait: true,
    });
    expect(replayCommand({ all: true, wait: false }, queues)).toMatchObject({
      name: 'replay-all',
      wait: false,
    });
  });

  it.each([
    [['dlq', 'replay'], /needs --all or at least one of/],
    [['dlq', 'replay', '--all', '--provider', 'hibob'], /leave out/],
    [
      ['dlq', 'replay', '--all', '--rate', 'fast'],
      /--rate <n>' argument 'fast' is invalid. must be a whole number/,
    ],
    [['dlq', 'replay', '--provider', 'hibob', '--no-wait'], /--no-wait applies only to replay --all/],
    [['dlq', 'show'], /missing required argument 'id'/],
    [['dlq', 'list', '--bogus'], /unknown option '--bogus'/],
  ])('refuses %j with a message saying what to do, exit 2', async (argv, message) => {
    const run = await runInProcess(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
