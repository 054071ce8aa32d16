import {
  type AttributeValue,
  DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageBatchCommand, type SendMessageBatchCommandInput, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { expect, vi } from 'vitest';
import type { ConfigInput } from '../../lambda/config/schema.js';
import { TEST_SECRET } from './standard-webhook.js';

export const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/000000000000/hr-sync-changes';
export const WEBHOOK_SECRET_ARN =
  'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/webhooks-AbCdEf';
export const APPLIED_TABLE = 'hr-sync-applied';

/**
 * The receiver handler loaded fresh (its warm clients and secret cache start empty), with SQS,
 * Secrets Manager and DynamoDB mocked: the secret holds `TEST_SECRET` for `standard` (plus
 * `webhookSecrets`), the configuration is `config` (a provider's tests enable it there), every batch
 * succeeds, and the applied table keeps what is put in it (`items`, by `pk`) for as long as this
 * receiver is loaded. Its EMF metrics are off (they would print to the test output) unless `metrics`
 * is set.
 */
export async function loadReceiver(
  options: {
    logLevel?: string;
    config?: ConfigInput;
    webhookSecrets?: Record<string, string>;
    metrics?: boolean;
  } = {},
) {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('HR_SYNC_CONFIG', options.config ? JSON.stringify(options.config) : undefined);
  vi.stubEnv('QUEUE_URL', QUEUE_URL);
  vi.stubEnv('WEBHOOK_SECRET_ARN', WEBHOOK_SECRET_ARN);
  vi.stubEnv('APPLIED_TABLE', APPLIED_TABLE);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', options.logLevel ?? 'SILENT');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', options.metrics ? 'false' : 'true');
  const sqs = mockClient(SQSClient);
  const secrets = mockClient(SecretsManagerClient);
  secrets
    .onAnyCommand()
    .resolves({ SecretString: JSON.stringify({ standard: TEST_SECRET, ...options.webhookSecrets }) });
  sqs.onAnyCommand().callsFake((input: { Entries: { Id: string }[] }) => ({
    Successful: input.Entries.map((entry) => ({
      Id: entry.Id,
      MessageId: `m-${entry.Id}`,
      MD5OfMessageBody: '',
    })),
    Failed: [],
  }));
  const dynamodb = mockClient(DynamoDBClient);
  const items = new Map<string, Record<string, AttributeValue>>();
  const keyOf = (input: GetItemCommandInput | PutItemCommandInput) => {
    expect(input.TableName).toBe(APPLIED_TABLE);
    const pk = ('Key' in input ? input.Key : input.Item)?.pk?.S;
    if (!pk) throw new Error('the applied table is keyed by pk (a string)');
    return pk;
  };
  dynamodb.on(GetItemCommand).callsFake((input: GetItemCommandInput) => {
    const item = items.get(keyOf(input));
    return item ? { Item: item } : {};
  });
  dynamodb.on(PutItemCommand).callsFake((input: PutItemCommandInput) => {
    items.set(keyOf(input), input.Item ?? {});
    return {};
  });
  vi.resetModules();
  const { handler } = await import('../../lambda/handlers/receiver.js');
  return { handler, sqs, secrets, dynamodb, items };
}

/** The problem+json shape every error answer has: no stack, the status repeated in the body. */
export function problemOf(response: { statusCode: number; headers?: Record<string, unknown>; body: string }) {
  expect(response.headers?.['content-type']).toBe('application/problem+json');
  const body = JSON.parse(response.body);
  expect(Object.keys(body).sort()).toEqual(['detail', 'status', 'title', 'type']);
  expect(body.status).toBe(response.statusCode);
  expect(response.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
  return body as { type: string; title: string; status: number; detail: string };
}

/** What the receiver put on the queue, in order. */
export function queuedMessages(sqs: ReturnType<typeof mockClient>) {
  return sqs
    .commandCalls(SendMessageBatchCommand)
    .flatMap((call) => (call.args[0].input as SendMessageBatchCommandInput).Entries ?? [])
    .map((entry) => ({ body: JSON.parse(entry.MessageBody ?? ''), attributes: entry.MessageAttributes }));
}
