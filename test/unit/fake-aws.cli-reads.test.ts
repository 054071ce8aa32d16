import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';

let aws: FakeAws;
const clientConfig = () => ({
  region: 'eu-west-1',
  endpoint: aws.url,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

beforeAll(async () => {
  aws = await startFakeAws();
});
afterAll(() => aws.close());

describe('the fake AWS, for what the hr-sync CLI reads', () => {
  it('answers DescribeStacks with the outputs put, in the AWS Query XML the real SDK parses', async () => {
    aws.putStack('HrSync', { QueueUrl: 'https://sqs/q?a=1&b=<2>', AppliedTableName: 't' });
    const client = new CloudFormationClient(clientConfig());
    const output = await client.send(new DescribeStacksCommand({ StackName: 'HrSync' }));
    expect(output.Stacks?.[0]?.StackName).toBe('HrSync');
    expect(output.Stacks?.[0]?.Outputs).toEqual([
      { OutputKey: 'QueueUrl', OutputValue: 'https://sqs/q?a=1&b=<2>' },
      { OutputKey: 'AppliedTableName', OutputValue: 't' },
    ]);
    await expect(client.send(new DescribeStacksCommand({ StackName: 'Nope' }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
    client.destroy();
  });

  it('pages a Scan by Limit and ExclusiveStartKey, in insertion order', async () => {
    for (const pk of ['a', 'b', 'c']) aws.items('scan').set(pk, { pk: { S: pk }, n: { N: '1' } });
    const client = new DynamoDBClient(clientConfig());
    const first = await client.send(new ScanCommand({ TableName: 'scan', Limit: 2 }));
    expect(first.Items?.map((item) => item.pk?.S)).toEqual(['a', 'b']);
    expect(first.LastEvaluatedKey).toEqual({ pk: { S: 'b' } });
    const rest = await client.send(
      new ScanCommand({ TableName: 'scan', Limit: 2, ExclusiveStartKey: first.LastEvaluatedKey }),
    );
    expect(rest.Items?.map((item) => item.pk?.S)).toEqual(['c']);
    expect(rest.LastEvaluatedKey).toBeUndefined();
    await expect(
      client.send(new ScanCommand({ TableName: 'scan', Segment: 0, TotalSegments: 2 })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    client.destroy();
  });

  it('filters a Scan page after Limit and keeps only the projected attributes, as DynamoDB does', async () => {
    aws.items('filtered').set('a', { pk: { S: 'a' }, userId: { N: '7' }, name: { S: 'kept out' } });
    aws.items('filtered').set('b', { pk: { S: 'b' } });
    aws.items('filtered').set('c', { pk: { S: 'c' }, userId: { N: '9' } });
    const client = new DynamoDBClient(clientConfig());
    const scan = (extra: object = {}) =>
      client.send(
        new ScanCommand({
          TableName: 'filtered',
          Select: 'SPECIFIC_ATTRIBUTES',
          ProjectionExpression: '#pk, #userId',
          FilterExpression: 'attribute_exists(#userId)',
          ExpressionAttributeNames: { '#pk': 'pk', '#userId': 'userId' },
          ...extra,
        }),
      );
    const first = await scan({ Limit: 2 });
    expect(first).toMatchObject({
      Items: [{ pk: { S: 'a' }, userId: { N: '7' } }],
      Count: 1,
      ScannedCount: 2,
    });
    expect(first.Items?.[0]).not.toHaveProperty('name');
    const rest = await scan({ Limit: 2, ExclusiveStartKey: first.LastEvaluatedKey });
    expect(rest.Items).toEqual([{ pk: { S: 'c' }, userId: { N: '9' } }]);
    expect(rest.LastEvaluatedKey).toBeUndefined();
    await expect(scan({ ExpressionAttributeNames: { '#pk': 'pk' } })).rejects.toMatchObject({
      name: 'ValidationException',
    });
    client.destroy();
  });

  it('counts received messages as not visible until released, as SQS does', async () => {
    const url = aws.queueUrl('depth');
    for (const id of ['m1', 'm2']) {
      aws.messages(url).push({ messageId: id, body: '{}', attributes: {}, receiveCount: 0, sentAt: 0 });
    }
    aws.poll(url, { max: 1, visibilityTimeoutSeconds: 60 });
    const client = new SQSClient(clientConfig());
    const output = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );
    expect(output.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
      ApproximateNumberOfMessagesDelayed: '0',
    });
    client.destroy();
  });
});
