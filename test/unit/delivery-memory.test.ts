import { createHash } from 'node:crypto';
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeliveryMemory } from '../../lambda/aws/delivery-memory.js';
import { DELIVERY_MEMORY_SECONDS } from '../../lambda/core/applied.js';
import { deliveryKey } from '../../lambda/core/deliveries.js';
import { SyncError } from '../../lambda/core/errors.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';

const TABLE = 'hr-sync-applied';
const NOW = Date.UTC(2026, 2, 1, 12);
const DAY = 24 * 60 * 60 * 1000;
const KEY = deliveryKey('merge', Buffer.from('{"hook":{}}'));

describe('the delivery memory over DynamoDB, on the wire', () => {
  const dynamo = mockClient(DynamoDBClient);
  const memory = () => createDeliveryMemory({ tableName: TABLE, client: new DynamoDBClient({}) });
  beforeEach(() => dynamo.reset());
  afterAll(() => dynamo.restore());

  it('keys a delivery by provider and the sha256 of its bytes, under the delivery# prefix', () => {
    expect(KEY).toBe(`delivery#merge#${createHash('sha256').update('{"hook":{}}').digest('hex')}`);
    expect(KEY).toMatch(/^delivery#merge#[0-9a-f]{64}$/);
    expect(deliveryKey('hibob', Buffer.from('{"hook":{}}'))).not.toBe(KEY);
    expect(deliveryKey('merge', Buffer.from('{"hook":{} }'))).not.toBe(KEY);
  });

  it('reads with a consistent GetItem, so a replay right after the first answer finds it', async () => {
    dynamo.on(GetItemCommand).resolves({});

    expect(await memory().seen(KEY, NOW)).toBe(false);
    expect(dynamo.commandCalls(GetItemCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Key: { pk: { S: KEY } },
      ConsistentRead: true,
    });
  });

  it('writes the key with expiresAt 36 days on, in epoch seconds (the table’s TTL attribute)', async () => {
    dynamo.on(PutItemCommand).resolves({});

    await memory().remember(KEY, NOW);

    expect(dynamo.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: { pk: { S: KEY }, expiresAt: { N: String(NOW / 1000 + 36 * 24 * 60 * 60) } },
    });
  });

  it('reads an item whose expiresAt has passed as absent: DynamoDB deletes expired items days late', async () => {
    const expiresAt = NOW / 1000 + DELIVERY_MEMORY_SECONDS;
    dynamo.on(GetItemCommand).resolves({ Item: { pk: { S: KEY }, expiresAt: { N: String(expiresAt) } } });

    expect(await memory().seen(KEY, NOW + 35 * DAY)).toBe(true);
    expect(await memory().seen(KEY, expiresAt * 1000 - 1000)).toBe(true);
    expect(await memory().seen(KEY, expiresAt * 1000)).toBe(false);
    expect(await memory().seen(KEY, NOW + 40 * DAY)).toBe(false);
  });

  it('fails as transient delivery-store-unavailable, naming the call and the error class only', async () => {
    dynamo
      .on(GetItemCommand)
      .rejects(new ResourceNotFoundException({ message: `table ${TABLE} not found`, $metadata: {} }));
    dynamo.on(PutItemCommand).rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));

    const read = await memory()
      .seen(KEY, NOW)
      .catch((error: unknown) => error);
    const write = await memory()
      .remember(KEY, NOW)
      .catch((error: unknown) => error);

    expect(read).toBeInstanceOf(SyncError);
    expect(read).toMatchObject({
      kind: 'transient',
      code: 'delivery-store-unavailable',
      message: 'deliveries: GetItem failed (ResourceNotFoundException)',
    });
    expect(write).toMatchObject({
      kind: 'transient',
      code: 'delivery-store-unavailable',
      message: 'deliveries: PutItem failed (TimeoutError)',
    });
  });
});

describe('the delivery memory with the real SDK against the loopback AWS', () => {
  let aws: FakeAws;
  let client: DynamoDBClient;
  beforeAll(async () => {
    aws = await startFakeAws({ now: () => NOW });
    client = new DynamoDBClient({
      endpoint: aws.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret' },
    });
  });
  afterAll(async () => {
    client?.destroy();
    await aws?.close();
  });

  it('remembers a delivery in the applied table and finds it again until it expires', async () => {
    const memory = createDeliveryMemory({ tableName: TABLE, client });

    expect(await memory.seen(KEY, NOW)).toBe(false);
    await memory.remember(KEY, NOW);

    expect(await memory.seen(KEY, NOW + DAY)).toBe(true);
    expect(await memory.seen(KEY, NOW + 35 * DAY)).toBe(true);
    expect(await memory.seen(KEY, NOW + 36 * DAY)).toBe(false);
    expect(aws.items(TABLE).get(KEY)).toEqual({
      pk: { S: KEY },
      expiresAt: { N: String(NOW / 1000 + DELIVERY_MEMORY_SECONDS) },
    });
  });
});
