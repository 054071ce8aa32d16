import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  Context,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';
import { DEFAULT_SECRET, type FakeHeymarket, startFakeHeymarket } from '../support/fake-heymarket.js';
import { MERGE_SIGNATURE_KEY, mergeFixture, mergeHeaders } from '../support/fake-merge.js';
import {
  API_CREDENTIAL,
  type FakePersonio,
  HAMILTON,
  ORG_UNITS,
  PERSONIO_TOKEN,
  personioFixture,
  personioHeaders,
  startFakePersonio,
} from '../support/fake-personio.js';
import { apiGatewayEvent, signedHeaders, TEST_SECRET } from '../support/standard-webhook.js';
import { type Bundles, synthBundles } from '../support/synth-bundles.js';

type Receiver = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
type Worker = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

const HEYMARKET_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/heymarket-AbCdEf';
const WEBHOOK_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/webhooks-AbCdEf';
const HRIS_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/hris-AbCdEf';
const APPLIED_TABLE = 'hr-sync-applied';
const KATHERINE_EMAIL = 'katherine.johnson@example.test';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const lambdaContext = (remainingMs = 60_000) =>
  ({ functionName: 'worker', awsRequestId: 'req-1', getRemainingTimeInMillis: () => remainingMs }) as Context;

/**
 * The artifact AWS runs: `cdk synth` bundles both functions with esbuild; this loads the bundled files
 * (not the sources) and drives them as API Gateway and SQS would, against loopback fakes of SQS,
 * Secrets Manager and Heymarket reached through the SDK's standard `AWS_ENDPOINT_URL`.
 */
describe('the bundled functions, driven as AWS drives them', () => {
  let bundles: Bundles;
  let aws: FakeAws;
  let heymarket: FakeHeymarket;
  let personio: FakePersonio;
  let receiver: Receiver;
  let worker: Worker;
  let queueUrl: string;
  let dlqUrl: string;

  beforeAll(async () => {
    bundles = synthBundles();
    aws = await startFakeAws();
    heymarket = await startFakeHeymarket({
      users: [
        { id: 101, email: 'ada@example.test', first_name: 'Ada', last_name: 'Old', role_id: 4 },
        { id: 102, email: 'grace@example.test', first_name: 'Grace', last_name: 'Hopper', role_id: 4 },
        { id: 103, email: HAMILTON.email, first_name: 'M', last_name: 'H', role_id: 4 },
        { id: 104, email: KATHERINE_EMAIL, first_name: 'Katherine', last_name: 'Johnson', role_id: 4 },
        { id: 105, email: 'root@example.test', first_name: 'Ro', last_name: 'Ot', role_id: 1 },
        { id: 106, email: 'leaver@example.test', first_name: 'Lee', last_name: 'Ver', role_id: 4 },
      ],
    });
    personio = await startFakePersonio({ people: [HAMILTON], orgUnits: ORG_UNITS });
    queueUrl = aws.queueUrl('changes');
    dlqUrl = aws.queueUrl('changes-dlq');
    aws.putSecret(
      WEBHOOK_SECRET_ARN,
      JSON.stringify({ standard: TEST_SECRET, personio: PERSONIO_TOKEN, merge: MERGE_SIGNATURE_KEY }),
    );
    aws.putSecret(HRIS_SECRET_ARN, JSON.stringify({ personio: API_CREDENTIAL }));
    aws.putSecret(
      HEYMARKET_SECRET_ARN,
      JSON.stringify({ apiSecretId: DEFAULT_SECRET.id, apiSecretKey: DEFAULT_SECRET.key }),
    );
    for (const [name, value] of Object.entries({
      AWS_ENDPOINT_URL: aws.url,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
      QUEUE_URL: queueUrl,
      DLQ_URL: dlqUrl,
      WEBHOOK_SECRET_ARN,
      HEYMARKET_SECRET_ARN,
      HRIS_SECRET_ARN,
      APPLIED_TABLE,
      HEYMARKET_BASE_URL: heymarket.url,
      HR_SYNC_CONFIG: JSON.stringify({
        providers: { personio: { enabled: true, apiBaseUrl: personio.url }, merge: { enabled: true } },
        roles: {
          rules: [
            { match: { department: 'Support' }, roleId: 7 },
            { match: { department: 'Engineering' }, roleId: 8 },
          ],
        },
        termination: { action: 'move-to-role', roleId: 9 },
      }),
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    })) {
      vi.stubEnv(name, value);
    }
    receiver = (await import(pathToFileURL(bundles.receiver).href)).handler;
    worker = (await import(pathToFileURL(bundles.worker).href)).handler;
  }, 180_000);

  afterAll(async () => {
    vi.unstubAllEnvs();
    await heymarket?.close();
    await personio?.close();
    await aws?.close();
    if (bundles) rmSync(bundles.outdir, { recursive: true, force: true });
  });

  it('take a signed delivery to Heymarket, and an unknown employee to the DLQ with its reason', async () => {
    const body = JSON.stringify([
      {
        type: 'employee.updated',
        occurredAt: '2026-02-01T09:00:00Z',
        employee: { id: 'E1', workEmail: 'ada@example.test', firstName: 'Ada', lastName: 'Lovelace' },
      },
      {
        type: 'employee.updated',
        occurredAt: '2026-02-01T09:05:00Z',
        employee: { id: 'E2', workEmail: 'grace@example.test', lastName: 'Hopper', department: 'Support' },
      },
      {
        type: 'employee.created',
        occurredAt: '2026-02-01T09:10:00Z',
        employee: { id: 'E3', workEmail: 'nobody@example.test', firstName: 'No', lastName: 'Body' },
      },
    ]);

    const response = await receiver(apiGatewayEvent({ body, headers: signedHeaders(body) }));

    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body)).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(aws.messages(queueUrl)).toHaveLength(3);

    const result = await worker(aws.receive(queueUrl, 10), lambdaContext());

    expect(result).toEqual({ batchItemFailures: [] });
    expect(heymarket.users.get(101)).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', role_id: 4 });
    expect(heymarket.users.get(102)).toMatchObject({ last_name: 'Hopper', role_id: 7 });
    const calls = heymarket.requests.map((request) => `${request.method} ${request.path}`);
    expect(calls).toEqual(['GET /v1/users/get', 'POST /v1/users/update']);
    const [dead] = aws.messages(dlqUrl);
    expect(aws.messages(dlqUrl)).toHaveLength(1);
    expect(JSON.parse(dead?.body ?? '{}').employee.id).toBe('E3');
    expect(dead?.attributes.errorClass?.StringValue).toBe('unknown-email');
    expect(dead?.attributes.attempt?.StringValue).toBe('1');
  });

  it('turn a thin Personio event into a Heymarket update, fetched from the Personio API', async () => {
    const body = personioFixture('person-updated.json');

    const response = await receiver(
      apiGatewayEvent({ provider: 'personio', body, headers: personioHeaders() }),
    );

    expect(response.statusCode).toBe(202);
    expect(await worker(aws.receive(queueUrl, 10), lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(heymarket.users.get(103)).toMatchObject({
      first_name: 'Maggie',
      last_name: 'Hamilton',
      role_id: 8,
    });
    expect(personio.requests.map((request) => request.path.split('?')[0])).toContain(
      `/v2/persons/${HAMILTON.id}`,
    );
  });

  it('answer a forged delivery 401 and queue nothing', async () => {
    const before = aws.messages(queueUrl).length;
    const body = JSON.stringify({
      type: 'employee.updated',
      occurredAt: '2026-02-01T09:00:00Z',
      employee: { id: 'E1', workEmail: 'ada@example.test', firstName: 'Mallory' },
    });
    const headers = signedHeaders(body, {
      secret: `whsec_${Buffer.from('some-other-key-000000000').toString('base64')}`,
    });

    const response = await receiver(apiGatewayEvent({ body, headers }));

    expect(response.statusCode).toBe(401);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(aws.messages(queueUrl)).toHaveLength(before);
  });

  it('leave a batch on the queue when Heymarket keeps failing, and fetch the secret once per container', async () => {
    const body = JSON.stringify({
      type: 'employee.updated',
      occurredAt: '2026-02-02T09:00:00Z',
      employee: { id: 'E1', workEmail: 'ada@example.test', firstName: 'Augusta' },
    });
    expect(
      (await receiver(apiGatewayEvent({ body, headers: signedHeaders(body, { id: 'msg_2' }) }))).statusCode,
    ).toBe(202);
    heymarket.inject({ kind: 'status', status: 503 }, 3);
    const event = aws.receive(queueUrl, 10);

    const result = await worker(event, lambdaContext());

    expect(result.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      event.Records.map((record) => record.messageId),
    );
    const secretFetches = aws.calls.filter((call) => call.action === 'GetSecretValue').length;
    // One per secret per container across all tests: webhook (receiver), Heymarket and HR API (worker).
    expect(secretFetches).toBe(3);
  });
  it('never demote an admin, and keep a leaver in the termination role until an explicit return', async () => {
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    let sent = 0;
    const deliverAndWork = async (change: object) => {
      const body = JSON.stringify(change);
      sent += 1;
      const headers = signedHeaders(body, { id: `msg_safe_${sent}` });
      expect((await receiver(apiGatewayEvent({ body, headers }))).statusCode).toBe(202);
      expect(await worker(aws.receive(queueUrl, 10), lambdaContext())).toEqual({ batchItemFailures: [] });
    };

    await deliverAndWork({
      type: 'employee.updated',
      occurredAt: minutesAgo(40),
      employee: { id: 'E5', workEmail: 'root@example.test', lastName: 'Oot', department: 'Support' },
    });
    expect(heymarket.users.get(105)).toMatchObject({ last_name: 'Oot', role_id: 1 });

    await deliverAndWork({
      type: 'employee.terminated',
      occurredAt: minutesAgo(30),
      employee: { id: 'E6', workEmail: 'leaver@example.test', status: 'terminated' },
    });
    expect(heymarket.users.get(106)?.role_id).toBe(9);

    await deliverAndWork({
      type: 'employee.updated',
      occurredAt: minutesAgo(20),
      employee: { id: 'E6', workEmail: 'leaver@example.test', lastName: 'Left', department: 'Support' },
    });
    expect(heymarket.users.get(106)).toMatchObject({ last_name: 'Left', role_id: 9 });

    await deliverAndWork({
      type: 'employee.updated',
      occurredAt: minutesAgo(10),
      employee: { id: 'E6', workEmail: 'leaver@example.test', department: 'Support', status: 'active' },
    });
    expect(heymarket.users.get(106)?.role_id).toBe(7);
    expect(aws.messages(dlqUrl)).toHaveLength(1);
  });

  // Last: it moves the clock a day on, past every cache the tests above count on.
  it('keep the newer name when a Merge rename applied earlier is replayed a day later', async () => {
    // No modified_at: the receiver takes the time of arrival, so a replay would be newer than the rename
    // after it, were it queued.
    const rename = (lastName: string) => {
      const json = JSON.parse(mergeFixture('employee-changed.json'));
      const { modified_at: _, remote_updated_at: __, ...data } = json.data;
      return JSON.stringify({ ...json, data: { ...data, last_name: lastName } });
    };
    const deliver = (body: string) =>
      receiver(apiGatewayEvent({ provider: 'merge', body, headers: mergeHeaders(body) }));
    const work = () => worker(aws.receive(queueUrl, 10), lambdaContext());
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    try {
      const first = rename('Goble');
      const captured = apiGatewayEvent({ provider: 'merge', body: first, headers: mergeHeaders(first) });
      expect((await receiver(captured)).statusCode).toBe(202);
      expect(await work()).toEqual({ batchItemFailures: [] });
      expect(heymarket.users.get(104)?.last_name).toBe('Goble');

      vi.setSystemTime(start + 60 * 60 * 1000);
      expect((await deliver(rename('Moore'))).statusCode).toBe(202);
      expect(await work()).toEqual({ batchItemFailures: [] });
      expect(heymarket.users.get(104)?.last_name).toBe('Moore');

      vi.setSystemTime(start + 24 * 60 * 60 * 1000);
      const replay = await receiver(captured);

      expect(replay.statusCode).toBe(200);
      expect(JSON.parse(replay.body)).toEqual({ duplicate: true });
      expect(aws.messages(queueUrl)).toEqual([]);
      expect(await work()).toEqual({ batchItemFailures: [] });
      expect(heymarket.users.get(104)?.last_name).toBe('Moore');
      expect(aws.items(APPLIED_TABLE).has(`delivery#merge#${sha256(first)}`)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
