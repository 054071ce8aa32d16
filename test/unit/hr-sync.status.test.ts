import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAwsEnv, runCli } from '../support/cli.js';
import { type FakeAws, type Item, startFakeAws } from '../support/fake-aws.js';

const TABLE = 'hr-sync-applied';
const TIMEOUT = { timeout: 30_000 };
const PERSONAL = ['ada@example.com', 'Ada', 'Lovelace'];

let aws: FakeAws;
let env: Record<string, string>;

const string = (value: string) => ({ DataType: 'String', StringValue: value });
const at = (iso: string) => ({ N: String(Date.parse(iso)) });
const key = (n: number) => ({ S: `idempotency-key-${n}-SHOULD-NOT-PRINT` });

function deadLetter(id: string, provider: string, errorClass?: string) {
  aws.messages(aws.queueUrl('changes-dlq')).push({
    messageId: id,
    body: JSON.stringify({
      v: 1,
      provider,
      eventId: `evt-${id}`,
      employee: { id: 'E1', workEmail: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
    }),
    attributes: { provider: string(provider), ...(errorClass ? { errorClass: string(errorClass) } : {}) },
    receiveCount: 0,
    sentAt: Date.now(),
  });
}

function applied(pk: string, item: Item) {
  aws.items(TABLE).set(pk, { pk: { S: pk }, expiresAt: { N: '1900000000' }, ...item });
}

beforeAll(async () => {
  aws = await startFakeAws();
  env = fakeAwsEnv(aws.url);
  aws.putStack('HrSync', {
    QueueUrl: aws.queueUrl('changes'),
    DlqUrl: aws.queueUrl('changes-dlq'),
    AppliedTableName: TABLE,
  });
  aws.putStack('OldHrSync', { QueueUrl: aws.queueUrl('changes'), DlqUrl: aws.queueUrl('changes-dlq') });
  for (const n of [1, 2, 3]) {
    aws.messages(aws.queueUrl('changes')).push({
      messageId: `q${n}`,
      body: JSON.stringify({ v: 1, employee: { id: `E${n}`, workEmail: 'ada@example.com' } }),
      attributes: {},
      receiveCount: 0,
      sentAt: Date.now(),
    });
  }
  // A worker holds one of them.
  aws.poll(aws.queueUrl('changes'), { max: 1, visibilityTimeoutSeconds: 300 });
  deadLetter('a', 'hibob', 'unknown-email');
  deadLetter('b', 'hibob', 'heymarket-5xx');
  deadLetter('c', 'standard', 'unknown-email');

  applied('hibob#636192#E1', {
    userId: { N: '42' },
    first_name_at: at('2026-02-01T09:06:00Z'),
    first_name_key: key(1),
    last_name_at: at('2026-02-01T09:06:00Z'),
    last_name_key: key(2),
    role_id_at: at('2026-01-30T10:00:00Z'),
    role_id_key: key(3),
  });
  applied('standard#-#E2', {
    userId: { N: '7' },
    role_id_at: at('2026-02-02T08:00:00Z'),
    role_id_key: key(4),
  });
  // Claimed by a worker, nothing applied yet: not an applied change.
  applied('bamboohr#12345#E3', {
    leaseOwner: { S: 'worker-1' },
    leaseUntil: { N: String(Date.now() + 60_000) },
  });
  applied('merge#-#E4', { first_name_at: at('2026-01-15T12:00:00Z'), first_name_key: key(5) });
  // The receiver's memory of a delivery, in the same table: no employee.
  applied(`delivery#merge#${'0'.repeat(64)}`, {});
});
afterAll(() => aws.close());

describe('hr-sync status --stack', () => {
  it(
    'shows queue depths, the DLQ by error class and the latest applied changes, with no value',
    TIMEOUT,
    async () => {
      const run = await runCli(['status', '--stack', 'HrSync'], { env });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('status of stack HrSync');
      expect(run.stdout).toMatch(/main queue +2 visible, 1 in flight, 0 delayed/);
      expect(run.stdout).toMatch(/DLQ +3 visible, 0 in flight, 0 delayed/);
      expect(run.stdout).toMatch(/by error class \(3 examined\):\n +2 +unknown-email\n +1 +heymarket-5xx/);
      expect(run.stdout).toContain(`latest applied changes: 3 of 4 employee(s) read from table ${TABLE}`);
      const rows = run.stdout.split('\n').filter((line) => /^ {2}2026-/.test(line));
      expect(rows).toEqual([
        expect.stringMatching(/^ {2}2026-02-02T08:00:00\.000Z +standard#-#E2 {2}· {2}7 {2}· {2}role_id$/),
        expect.stringMatching(
          /^ {2}2026-02-01T09:06:00\.000Z +hibob#636192#E1 {2}· {2}42 {2}· {2}first_name, last_name; role_id at 2026-01-30T10:00:00\.000Z$/,
        ),
        expect.stringMatching(/^ {2}2026-01-15T12:00:00\.000Z +merge#-#E4 {2}· {2}\? {2}· {2}first_name$/),
      ]);
      for (const text of [...PERSONAL, 'SHOULD-NOT-PRINT'])
        expect(run.stdout + run.stderr).not.toContain(text);
    },
  );

  it('prints the same as JSON, limited by --applied, and leaves the DLQ as it was', TIMEOUT, async () => {
    const run = await runCli(['status', '--stack', 'HrSync', '--applied', '2', '--json'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      target: 'stack HrSync',
      queue: { visible: 2, inFlight: 1, delayed: 0 },
      deadLetterQueue: {
        visible: 3,
        inFlight: 0,
        delayed: 0,
        examined: 3,
        byErrorClass: { 'unknown-email': 2, 'heymarket-5xx': 1 },
        byProvider: { hibob: 2, standard: 1 },
      },
      applied: {
        source: `table ${TABLE}`,
        examined: 4,
        complete: true,
        recent: [
          {
            employeeKey: 'standard#-#E2',
            userId: 7,
            latestAt: '2026-02-02T08:00:00.000Z',
            fields: [{ name: 'role_id', at: '2026-02-02T08:00:00.000Z' }],
          },
          {
            employeeKey: 'hibob#636192#E1',
            userId: 42,
            latestAt: '2026-02-01T09:06:00.000Z',
            fields: [
              { name: 'first_name', at: '2026-02-01T09:06:00.000Z' },
              { name: 'last_name', at: '2026-02-01T09:06:00.000Z' },
              { name: 'role_id', at: '2026-01-30T10:00:00.000Z' },
            ],
          },
        ],
      },
    });
    for (const text of [...PERSONAL, 'SHOULD-NOT-PRINT']) expect(run.stdout).not.toContain(text);
    expect(aws.messages(aws.queueUrl('changes-dlq'))).toHaveLength(3);
    expect(aws.visibleCount(aws.queueUrl('changes-dlq'))).toBe(3);
    expect(aws.calls.map((call) => call.action)).not.toContain('DeleteMessage');
  });

  it('reads queues and table from the environment when no stack is given', TIMEOUT, async () => {
    const run = await runCli(['status', '--json'], {
      env: {
        ...env,
        QUEUE_URL: aws.queueUrl('changes'),
        DLQ_URL: aws.queueUrl('changes-dlq'),
        APPLIED_TABLE: TABLE,
      },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).applied.recent).toHaveLength(3);
  });

  it(
    'says how to get the table when the stack predates the AppliedTableName output, exit 2',
    TIMEOUT,
    async () => {
      const run = await runCli(['status', '--stack', 'OldHrSync'], { env });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        'hr-sync: stack OldHrSync has no AppliedTableName output: deploy this version once (the output is new), or pass --table <name>',
      );
    },
  );
});
