import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAwsEnv, runCli, scratchDir } from '../support/cli.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';

const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:000000000000:secret:${name}-AbCdEf`;
const VALUES = {
  apiSecretId: 'hm-id-4b1d9e',
  apiSecretKey: 'hm-key-SHOULD-NEVER-PRINT',
  standard: 'whsec_c2hvdWxkLW5ldmVyLXByaW50',
  hibob: 'bob-webhook-SHOULD-NEVER-PRINT',
  serviceUserId: 'svc-user-77120',
  token: 'bob-token-SHOULD-NEVER-PRINT',
  notWhsec: 'plain-SHOULD-NEVER-PRINT',
};

let aws: FakeAws;
let env: Record<string, string>;
// standard and hibob on: the webhook secret needs both entries, the HR API secret needs hibob's.
const dir = scratchDir({
  'hr-sync.config.json': JSON.stringify({
    providers: { standard: { enabled: true }, hibob: { enabled: true } },
  }),
});

/** A stack whose three secrets hold these JSON texts (undefined: the secret does not exist). */
function stack(name: string, secrets: { heymarket?: string; webhook?: string; hris?: string }) {
  aws.putStack(name, {
    QueueUrl: aws.queueUrl(`${name}-changes`),
    DlqUrl: aws.queueUrl(`${name}-dlq`),
    HeymarketSecretArn: arn(`${name}-heymarket`),
    WebhookSecretArn: arn(`${name}-webhook`),
    HrisSecretArn: arn(`${name}-hris`),
  });
  for (const [key, text] of Object.entries(secrets)) {
    if (text !== undefined) aws.putSecret(arn(`${name}-${key}`), text);
  }
}

beforeAll(async () => {
  aws = await startFakeAws();
  env = fakeAwsEnv(aws.url);
  stack('Ready', {
    heymarket: JSON.stringify({ apiSecretId: VALUES.apiSecretId, apiSecretKey: VALUES.apiSecretKey }),
    webhook: JSON.stringify({ standard: VALUES.standard, hibob: VALUES.hibob }),
    hris: JSON.stringify({ hibob: { serviceUserId: VALUES.serviceUserId, token: VALUES.token } }),
  });
  stack('Fresh', { heymarket: '{}', webhook: '{}', hris: '{}' });
  stack('Broken', {
    heymarket: JSON.stringify({ apiSecretId: VALUES.apiSecretId }),
    webhook: JSON.stringify({ standard: VALUES.notWhsec, hibob: VALUES.hibob }),
    hris: JSON.stringify({ hibob: { serviceUserId: VALUES.serviceUserId } }),
  });
  stack('Gone', { heymarket: `{"apiSecretId": "${VALUES.apiSecretKey}"`, webhook: undefined, hris: '{}' });
});
afterAll(async () => {
  dir.remove();
  await aws.close();
});

const check = (...args: string[]) => runCli(['secrets', 'check', ...args], { env, cwd: dir.path });
const TIMEOUT = { timeout: 30_000 };

function expectNoSecretIn(text: string) {
  for (const value of Object.values(VALUES)) expect(text).not.toContain(value);
  expect(text).not.toMatch(/\blength\b|characters/);
}

describe('hr-sync secrets check --stack', () => {
  it('reads the three secrets from the stack outputs and exits 0 when all are ok', TIMEOUT, async () => {
    const described = () => aws.calls.filter((call) => call.action === 'DescribeStacks').length;
    const before = described();
    const run = await check('--stack', 'Ready');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'secrets in stack Ready, for the providers enabled in hr-sync.config.json: standard, hibob',
    );
    expect(run.stdout).toMatch(new RegExp(`heymarket +ok +${arn('Ready-heymarket')}`));
    expect(run.stdout).toMatch(new RegExp(`webhook +ok +${arn('Ready-webhook')}`));
    expect(run.stdout).toMatch(new RegExp(`hris +ok +${arn('Ready-hris')}`));
    expect(run.stdout).toContain('all secrets ok');
    expectNoSecretIn(run.stdout + run.stderr);
    expect(described() - before).toBe(1);
  });

  it(
    'reports the secrets as the stack creates them ({}) as empty, saying what each needs, exit 1',
    TIMEOUT,
    async () => {
      const run = await check('--stack', 'Fresh', '--json');
      expect(run.code).toBe(1);
      const out = JSON.parse(run.stdout);
      expect(out).toMatchObject({ ok: false, enabledProviders: ['standard', 'hibob'] });
      expect(out.secrets).toEqual([
        {
          name: 'heymarket',
          from: arn('Fresh-heymarket'),
          status: 'empty',
          problems: ['apiSecretId is missing', 'apiSecretKey is missing'],
          notes: [],
        },
        {
          name: 'webhook',
          from: arn('Fresh-webhook'),
          status: 'empty',
          problems: [
            'standard is missing: providers.standard is enabled and its deliveries are verified with it',
            'hibob is missing: providers.hibob is enabled and its deliveries are verified with it',
          ],
          notes: [],
        },
        {
          name: 'hris',
          from: arn('Fresh-hris'),
          status: 'empty',
          problems: ['hibob is missing: providers.hibob is enabled and the worker fetches its thin events'],
          notes: [],
        },
      ]);
    },
  );

  it('names every key at fault in an invalid secret and prints no value, exit 1', TIMEOUT, async () => {
    const run = await check('--stack', 'Broken');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/heymarket +invalid/);
    expect(run.stdout).toContain('- apiSecretKey is missing');
    expect(run.stdout).toContain('- standard Invalid string: must start with "whsec_"');
    expect(run.stdout).toContain('- hibob.token is missing');
    expect(run.stdout).toContain(
      '3 of 3 secret(s) not ok: put the values with aws secretsmanager put-secret-value',
    );
    expectNoSecretIn(run.stdout + run.stderr);
  });

  it('reports a secret it cannot read or parse, and carries on with the others', TIMEOUT, async () => {
    const run = await check('--stack', 'Gone', '--json');
    expect(run.code).toBe(1);
    const [heymarket, webhook] = JSON.parse(run.stdout).secrets;
    expect(heymarket).toMatchObject({ status: 'invalid', problems: ['(root) is not JSON'] });
    expect(webhook).toMatchObject({
      status: 'unreadable',
      problems: ['not found: check the stack output and AWS_REGION'],
    });
    expectNoSecretIn(run.stdout + run.stderr);
  });

  it('says when CloudFormation does not know the stack, exit 1', TIMEOUT, async () => {
    const run = await check('--stack', 'NoSuchStack');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('hr-sync: no stack named NoSuchStack in eu-west-1; check --stack and --region\n');
    expect(run.stdout).toBe('');
  });
});
