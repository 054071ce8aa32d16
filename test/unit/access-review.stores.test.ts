import { join } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoAccessReviewStore } from '../../lambda/aws/access-review-store.js';
import type { AccessReviewReport } from '../../lambda/core/access-review-report.js';
import { createSqliteAccessReviewStore } from '../../lambda/local/access-review-store.js';
import { openDatabase } from '../../lambda/local/database.js';
import { listed, member, NOW, person, review } from '../support/access-review.js';
import { scratchDir } from '../support/cli.js';
import { useFakeDynamoDb } from '../support/fake-dynamodb.js';

const input = {
  directory: [listed('bamboohr', [person('1', { status: 'terminated', terminationDate: '2026-03-01' })])],
  team: [member(100)],
  userIdsByEmail: new Map([['p1@example.test', 100]]),
};
const TABLE = 'hr-sync-applied';
const fake = useFakeDynamoDb();
const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

function sqliteStore() {
  const dir = scratchDir();
  dirs.push(dir);
  const file = join(dir.path, 'hr-sync.db');
  return { store: createSqliteAccessReviewStore(openDatabase(file)), file };
}

describe.each([
  ['SQLite (local data file)', () => sqliteStore().store],
  [
    'DynamoDB (applied table)',
    () => createDynamoAccessReviewStore({ tableName: TABLE, client: fake.client }),
  ],
])('access review store: %s', (_name, open) => {
  it('has no review before the first is written, then reads back the latest, firstSeenAt carried over', async () => {
    fake.aws.items(TABLE).clear();
    const store = open();
    expect(await store.read()).toBeUndefined();
    await store.write(review(input));
    const second = review({ ...input, previous: await store.read(), now: NOW + 3_600_000 });
    await store.write(second);
    const read = (await store.read()) as AccessReviewReport;
    expect(read).toEqual(second);
    expect(read.generatedAt).toBe('2026-03-10T13:00:00.000Z');
    expect(read.findings[0]?.firstSeenAt).toBe('2026-03-10T12:00:00.000Z');
  });
});

describe('access review store: what is kept', () => {
  it('keeps the review in the applied table as one item, compressed, never in the clear', async () => {
    const store = createDynamoAccessReviewStore({ tableName: TABLE, client: fake.client });
    await store.write(review(input));
    const item = fake.aws.items(TABLE).get('access-review#latest');
    expect(item?.generatedAt?.S).toBe('2026-03-10T12:00:00.000Z');
    expect(JSON.stringify(item)).not.toContain('p1@example.test');
  });

  it('says a stored review that does not read as one cannot be read, never that all is clean', async () => {
    await fake.client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { pk: { S: 'access-review#latest' }, review: { S: 'bm90IGd6aXA=' } },
      }),
    );
    const store = createDynamoAccessReviewStore({ tableName: TABLE, client: fake.client });
    await expect(store.read()).rejects.toMatchObject({ code: 'access-review-unreadable', kind: 'permanent' });
  });

  it('reopens the local data file with its review in place', async () => {
    const { store, file } = sqliteStore();
    await store.write(review(input));
    const again = createSqliteAccessReviewStore(openDatabase(file));
    expect((await again.read())?.findings).toHaveLength(1);
  });
});
