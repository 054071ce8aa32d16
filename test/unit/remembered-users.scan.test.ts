import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createRememberedUsers } from '../../lambda/aws/remembered-users.js';
import { ACCESS_REVIEW_KEY } from '../../lambda/core/access-review-report.js';
import { SyncError } from '../../lambda/core/errors.js';
import { RECONCILE_STATE_KEY } from '../../lambda/core/reconcile-progress.js';
import { useFakeDynamoDb } from '../support/fake-dynamodb.js';

const TABLE = 'hr-sync-applied';
const fake = useFakeDynamoDb();

describe('remembered users (the access review reads the applied table)', () => {
  it('maps each employee item to its remembered Heymarket user id, and nothing else', async () => {
    const items = fake.aws.items(TABLE);
    items.clear();
    items.set('bamboohr#-#67890', {
      pk: { S: 'bamboohr#-#67890' },
      userId: { N: '1001' },
      email: { S: 'a@example.test' },
    });
    items.set('standard#acme#E-2', { pk: { S: 'standard#acme#E-2' }, userId: { N: '1002' } });
    // No user remembered yet, or one no Heymarket id can be: left out.
    items.set('hibob#-#3332', { pk: { S: 'hibob#-#3332' } });
    items.set('merge#-#m-1', { pk: { S: 'merge#-#m-1' }, userId: { N: '0' } });
    items.set('merge#-#m-2', { pk: { S: 'merge#-#m-2' }, userId: { N: '1e300' } });
    // The table's reserved items are no employee's.
    items.set(RECONCILE_STATE_KEY, { pk: { S: RECONCILE_STATE_KEY }, userId: { N: '5' } });
    items.set(ACCESS_REVIEW_KEY, { pk: { S: ACCESS_REVIEW_KEY }, userId: { N: '6' } });

    const remembered = await createRememberedUsers({ tableName: TABLE, client: fake.client })();

    expect([...remembered].sort()).toEqual([
      ['bamboohr:67890', 1001],
      ['standard:E-2', 1002],
    ]);
  });

  it('fails as applied-store-unavailable, a transient error, when the table cannot be read', async () => {
    const unreachable = new DynamoDBClient({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const read = createRememberedUsers({ tableName: TABLE, client: unreachable });
    const error = await read().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ kind: 'transient', code: 'applied-store-unavailable' });
    unreachable.destroy();
  });
});
