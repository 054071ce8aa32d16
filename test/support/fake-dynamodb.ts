import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { type FakeAws, startFakeAws } from './fake-aws.js';

/**
 * The fake AWS started once for the test file, with a real DynamoDB client pointed at it; both are
 * set once `beforeAll` has run.
 */
export function useFakeDynamoDb(options: { maxAttempts?: number } = {}) {
  const db = {} as { aws: FakeAws; client: DynamoDBClient };
  beforeAll(async () => {
    db.aws = await startFakeAws();
    db.client = new DynamoDBClient({
      region: 'eu-west-1',
      endpoint: db.aws.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: options.maxAttempts ?? 1,
    });
  });
  afterAll(async () => {
    db.client?.destroy();
    await db.aws?.close();
  });
  return db;
}
