import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAppliedStore } from '../../lambda/aws/applied-store.js';

const TABLE = 'hr-sync-applied';
const NOW = Date.UTC(2026, 2, 1, 12);
const THIRTY_DAYS = 30 * 24 * 60 * 60;
const dynamo = mockClient(DynamoDBClient);
const store = () => createAppliedStore({ tableName: TABLE, client: new DynamoDBClient({}), now: () => NOW });
const lease = { owner: 'run-1', until: NOW + 70_000 };
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const entry = {
  employeeKey: 'standard#-#E1',
  userId: 42,
  fields: { first_name: { at: 2000, key: 'kf' }, role_id: { at: 1000, key: 'kr' } },
};

describe('the applied store over DynamoDB', () => {
  beforeEach(() => dynamo.reset());

  it('claims an employee unless another owner holds an unexpired lease, and reads its state back', async () => {
    dynamo.on(UpdateItemCommand).resolves({
      Attributes: {
        pk: { S: 'standard#-#E1' },
        userId: { N: '42' },
        first_name_at: { N: '1767261600000' },
        first_name_key: { S: 'k1' },
        leaseOwner: { S: 'run-1' },
      },
    });

    const outcomes = await store().claim(['standard#-#E1', 'standard#-#E1'], lease);

    expect(outcomes).toEqual(
      new Map([
        [
          'standard#-#E1',
          {
            kind: 'claimed',
            state: { userId: 42, fields: { first_name: { at: 1767261600000, key: 'k1' } } },
          },
        ],
      ]),
    );
    expect(dynamo.commandCalls(UpdateItemCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: TABLE,
        Key: { pk: { S: 'standard#-#E1' } },
        UpdateExpression: 'SET #owner = :owner, #until = :until, #expiresAt = :expiresAt',
        ConditionExpression: 'attribute_not_exists(#until) OR #until < :now OR #owner = :owner',
        ExpressionAttributeNames: {
          '#owner': 'leaseOwner',
          '#until': 'leaseUntil',
          '#expiresAt': 'expiresAt',
        },
        ExpressionAttributeValues: {
          ':owner': { S: 'run-1' },
          ':until': { N: String(NOW + 70_000) },
          ':now': { N: String(NOW) },
          ':expiresAt': { N: String(NOW / 1000 + THIRTY_DAYS) },
        },
        ReturnValues: 'ALL_NEW',
      },
    ]);
  });

  it('reports an employee held by another owner as busy, and a failed call as transient for that employee only', async () => {
    dynamo
      .on(UpdateItemCommand)
      .resolves({ Attributes: {} })
      .on(UpdateItemCommand, { Key: { pk: { S: 'held' } } })
      .rejects(conditionFailed())
      .on(UpdateItemCommand, { Key: { pk: { S: 'throttled' } } })
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));

    const outcomes = await store().claim(['free', 'held', 'throttled'], lease);

    expect(outcomes.get('free')).toEqual({ kind: 'claimed', state: { fields: {} } });
    expect(outcomes.get('held')).toEqual({ kind: 'busy' });
    expect(outcomes.get('throttled')).toMatchObject({
      kind: 'failed',
      error: {
        kind: 'transient',
        code: 'applied-store-unavailable',
        message: 'applied-store: UpdateItem (claim) failed (ProvisionedThroughputExceededException)',
      },
    });
  });

  it('records each applied field under the lease and a no-newer-change condition, then drops the lease', async () => {
    dynamo.on(UpdateItemCommand).resolves({});

    const failed = await store().release([entry], 'run-1');

    expect(failed.size).toBe(0);
    expect(dynamo.commandCalls(UpdateItemCommand).map((call) => call.args[0].input)).toEqual([
      {
        TableName: TABLE,
        Key: { pk: { S: 'standard#-#E1' } },
        UpdateExpression:
          'SET #expiresAt = :expiresAt, #userId = :userId, #first_name_at = :first_name_at, #first_name_key = :first_name_key, #role_id_at = :role_id_at, #role_id_key = :role_id_key REMOVE #owner, #until',
        ConditionExpression:
          '#owner = :owner AND (attribute_not_exists(#first_name_at) OR #first_name_at <= :first_name_at OR #first_name_at > :trustedUntil) AND (attribute_not_exists(#role_id_at) OR #role_id_at <= :role_id_at OR #role_id_at > :trustedUntil)',
        ExpressionAttributeNames: {
          '#owner': 'leaseOwner',
          '#until': 'leaseUntil',
          '#expiresAt': 'expiresAt',
          '#userId': 'userId',
          '#first_name_at': 'first_name_at',
          '#first_name_key': 'first_name_key',
          '#role_id_at': 'role_id_at',
          '#role_id_key': 'role_id_key',
        },
        ExpressionAttributeValues: {
          ':owner': { S: 'run-1' },
          ':expiresAt': { N: String(NOW / 1000 + THIRTY_DAYS) },
          ':userId': { N: '42' },
          ':first_name_at': { N: '2000' },
          ':first_name_key': { S: 'kf' },
          ':role_id_at': { N: '1000' },
          ':role_id_key': { S: 'kr' },
          // A stored time past now + 5 minutes is read as never applied, so it may be replaced.
          ':trustedUntil': { N: String(NOW + 5 * 60_000) },
        },
      },
    ]);
  });

  it('treats a lost lease as done: the newer state another invocation wrote stands', async () => {
    dynamo.on(UpdateItemCommand).rejects(conditionFailed());

    expect((await store().release([entry], 'run-1')).size).toBe(0);
  });

  it('returns the employees whose record failed, having written the others', async () => {
    dynamo
      .on(UpdateItemCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }))
      .on(UpdateItemCommand, { Key: { pk: { S: 'standard#-#E2' } } })
      .resolves({});

    const failed = await store().release([entry, { employeeKey: 'standard#-#E2', fields: {} }], 'run-1');

    expect([...failed.keys()]).toEqual(['standard#-#E1']);
    expect(failed.get('standard#-#E1')).toMatchObject({
      kind: 'transient',
      code: 'applied-store-unavailable',
      message: 'applied-store: UpdateItem (release) failed (ProvisionedThroughputExceededException)',
    });
    expect(dynamo.commandCalls(UpdateItemCommand)).toHaveLength(2);
  });
});
