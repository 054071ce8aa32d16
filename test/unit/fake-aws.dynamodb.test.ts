import {
  BatchGetItemCommand,
  GetItemCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { useFakeDynamoDb } from '../support/fake-dynamodb.js';

const TABLE = 'applied';
const db = useFakeDynamoDb({ maxAttempts: 2 });

/** Records a field time unless a newer one is stored: the release rule of the applied store. */
const recordAt = (pk: string, at: number) =>
  ({
    TableName: TABLE,
    Key: { pk: { S: pk } },
    UpdateExpression: 'SET #a = :a',
    ConditionExpression: 'attribute_not_exists(#a) OR #a <= :a',
    ExpressionAttributeNames: { '#a': 'first_name_at' },
    ExpressionAttributeValues: { ':a': { N: String(at) } },
    ReturnValues: 'ALL_NEW',
  }) satisfies UpdateItemCommandInput;

const rejection = (input: UpdateItemCommandInput) =>
  db.client.send(new UpdateItemCommand(input)).then(
    () => 'resolved',
    (error: Error) => error.name,
  );

describe('fake DynamoDB', () => {
  it('creates the item on a first conditional update, keeps a newer value, and returns ALL_NEW', async () => {
    const first = await db.client.send(new UpdateItemCommand(recordAt('e1', 100)));
    expect(first.Attributes).toEqual({ pk: { S: 'e1' }, first_name_at: { N: '100' } });

    expect(await rejection(recordAt('e1', 99))).toBe('ConditionalCheckFailedException');
    await db.client.send(new UpdateItemCommand(recordAt('e1', 100))); // an equal time passes
    expect(db.aws.items(TABLE).get('e1')).toEqual({ pk: { S: 'e1' }, first_name_at: { N: '100' } });

    // Numbers compare as numbers, not as strings.
    expect(await rejection(recordAt('e1', 20))).toBe('ConditionalCheckFailedException');
    expect(await rejection(recordAt('e1', 1000))).toBe('resolved');
  });

  it('applies SET and REMOVE together under AND/NOT conditions, and answers {} without ReturnValues', async () => {
    db.aws.items(TABLE).set('e2', { pk: { S: 'e2' }, leaseOwner: { S: 'w1' }, leaseUntil: { N: '50' } });
    const release = (owner: string) =>
      ({
        TableName: TABLE,
        Key: { pk: { S: 'e2' } },
        UpdateExpression: 'REMOVE #owner, #until SET userId = :user',
        ConditionExpression: '#owner = :owner AND NOT (attribute_not_exists(#until))',
        ExpressionAttributeNames: { '#owner': 'leaseOwner', '#until': 'leaseUntil' },
        ExpressionAttributeValues: { ':owner': { S: owner }, ':user': { N: '7' } },
      }) satisfies UpdateItemCommandInput;

    expect(await rejection(release('w2'))).toBe('ConditionalCheckFailedException');
    const output = await db.client.send(new UpdateItemCommand(release('w1')));

    expect(output.Attributes).toBeUndefined();
    expect(db.aws.items(TABLE).get('e2')).toEqual({ pk: { S: 'e2' }, userId: { N: '7' } });
  });

  it('treats a comparison with a missing attribute as false', async () => {
    const input = {
      TableName: TABLE,
      Key: { pk: { S: 'e3' } },
      UpdateExpression: 'SET #a = :a',
      ConditionExpression: '#a <> :a OR #a < :a',
      ExpressionAttributeNames: { '#a': 'leaseUntil' },
      ExpressionAttributeValues: { ':a': { N: '1' } },
    } satisfies UpdateItemCommandInput;

    expect(await rejection(input)).toBe('ConditionalCheckFailedException');
    expect(db.aws.items(TABLE).has('e3')).toBe(false);
  });

  it('refuses what its evaluator does not understand with a ValidationException', async () => {
    const base = { TableName: TABLE, Key: { pk: { S: 'e4' } } };
    const refused: UpdateItemCommandInput[] = [
      { ...base, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } } },
      {
        ...base,
        UpdateExpression: 'SET n = :v',
        ConditionExpression: 'begins_with(n, :v)',
        ExpressionAttributeValues: { ':v': { S: 'x' } },
      },
      {
        ...base,
        UpdateExpression: 'SET n = :v',
        ExpressionAttributeValues: { ':v': { S: 'x' }, ':w': { S: 'y' } },
      },
      { ...base, UpdateExpression: 'SET #n = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } },
      { ...base, UpdateExpression: 'SET pk = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } },
    ];

    for (const input of refused) expect(await rejection(input)).toBe('ValidationException');
    expect(db.aws.items(TABLE).has('e4')).toBe(false);
  });

  it('reads items back with GetItem and BatchGetItem', async () => {
    db.aws.items('other').set('x', { pk: { S: 'x' }, v: { S: 'one' } });

    const got = await db.client.send(new GetItemCommand({ TableName: 'other', Key: { pk: { S: 'x' } } }));
    const missing = await db.client.send(new GetItemCommand({ TableName: 'other', Key: { pk: { S: 'y' } } }));
    const batch = await db.client.send(
      new BatchGetItemCommand({
        RequestItems: { other: { Keys: [{ pk: { S: 'x' } }, { pk: { S: 'y' } }], ConsistentRead: true } },
      }),
    );

    expect(got.Item).toEqual({ pk: { S: 'x' }, v: { S: 'one' } });
    expect(missing.Item).toBeUndefined();
    expect(batch.Responses).toEqual({ other: [{ pk: { S: 'x' }, v: { S: 'one' } }] });
    expect(batch.UnprocessedKeys).toEqual({});
  });

  it('fails the next UpdateItem calls on request, as failNext does for SQS', async () => {
    db.aws.failNext('UpdateItem', 2, 500);
    expect(await rejection(recordAt('e5', 1))).toBe('ServiceUnavailable');
    expect(db.aws.items(TABLE).has('e5')).toBe(false);
  });
});
