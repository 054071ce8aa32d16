import { join } from 'node:path';
import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoAccessReviewStore } from '../../lambda/aws/access-review-store.js';
import type { AccessReviewReport } from '../../lambda/core/access-review-report.js';
import { addLeaverFindings, leaverSeatFindings } from '../../lambda/core/leaver-findings.js';
import { createSqliteAccessReviewStore } from '../../lambda/local/access-review-store.js';
import { openDatabase } from '../../lambda/local/database.js';
import { listed, member, NOW, person, review, summary } from '../support/access-review.js';
import { makeChange } from '../support/changes.js';
import { scratchDir } from '../support/cli.js';
import { useFakeDynamoDb } from '../support/fake-dynamodb.js';

const TABLE = 'hr-sync-applied';
const fake = useFakeDynamoDb();
const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

/** What the reconcile run writes: employee 2 left and still holds user 200. */
const reconciled = review({
  directory: [listed('bamboohr', [person('2', { status: 'terminated' })])],
  team: [member(200)],
  userIdsByEmail: new Map([['p2@example.test', 200]]),
});
/** What the worker adds: employee 1, terminated by a webhook, still holds user 100. */
const workerLeaver = leaverSeatFindings(
  [
    {
      change: makeChange({ provider: 'bamboohr', employee: { id: '1', status: 'terminated' } }),
      userId: 100,
    },
  ],
  { termination: { action: 'ignore' }, accessReview: { scope: [], acknowledged: [] } },
  NOW,
);
const addWorkerLeaver = (current: AccessReviewReport | undefined) =>
  addLeaverFindings(current, workerLeaver, { now: NOW, unlisted: ['bamboohr'] });

/** A DynamoDB client that lets `between` run once, after the update read the review and before it writes. */
function racingClient(client: DynamoDBClient, between: () => Promise<void>) {
  let raced = false;
  return {
    send: async (command: unknown) => {
      if (!raced && command instanceof UpdateItemCommand && command.input.ConditionExpression) {
        raced = true;
        await between();
      }
      return client.send(command as never);
    },
  } as unknown as DynamoDBClient;
}

describe('adding a leaver to the DynamoDB review while the reconcile run writes it', () => {
  it('keeps the review the run wrote after the worker read: the worker reads again and adds to it', async () => {
    fake.aws.items(TABLE).clear();
    const reconcile = createDynamoAccessReviewStore({ tableName: TABLE, client: fake.client });
    const worker = createDynamoAccessReviewStore({
      tableName: TABLE,
      client: racingClient(fake.client, () => reconcile.write(reconciled)),
    });
    const { added } = await worker.update(addWorkerLeaver);
    expect(added).toHaveLength(1);
    const stored = (await reconcile.read()) as AccessReviewReport;
    expect(summary(stored).sort()).toEqual([
      'leaver-with-seat bamboohr:1→100',
      'leaver-with-seat bamboohr:2→200',
    ]);
    // The run's review, not the one the worker would have started (partial: not yet listed).
    expect(stored.partial).toEqual([]);
  });

  it('gives up with a transient error, never overwriting, when every attempt loses the race', async () => {
    fake.aws.items(TABLE).clear();
    const reconcile = createDynamoAccessReviewStore({ tableName: TABLE, client: fake.client });
    const racing = {
      send: async (command: unknown) => {
        if (command instanceof UpdateItemCommand && command.input.ConditionExpression)
          await reconcile.write(reconciled);
        return fake.client.send(command as never);
      },
    } as unknown as DynamoDBClient;
    const worker = createDynamoAccessReviewStore({ tableName: TABLE, client: racing });
    await expect(worker.update(addWorkerLeaver)).rejects.toMatchObject({
      kind: 'transient',
      code: 'access-review-contended',
    });
    expect(summary((await reconcile.read()) as AccessReviewReport)).toEqual([
      'leaver-with-seat bamboohr:2→200',
    ]);
  });

  it('adds to a review written before reviews carried a version', async () => {
    fake.aws.items(TABLE).clear();
    const store = createDynamoAccessReviewStore({ tableName: TABLE, client: fake.client });
    await store.write(reconciled);
    const item = fake.aws.items(TABLE).get('access-review#latest');
    if (item) delete item.version;
    await store.update(addWorkerLeaver);
    expect(summary((await store.read()) as AccessReviewReport)).toHaveLength(2);
  });
});

describe('adding a leaver to the local review while the reconcile run writes it', () => {
  it('reads and writes in one transaction: no write from another connection lands between, and neither is lost', async () => {
    const dir = scratchDir();
    dirs.push(dir);
    const file = join(dir.path, 'hr-sync.db');
    const reconcileDb = openDatabase(file);
    const reconcile = createSqliteAccessReviewStore(reconcileDb);
    const workerDb = openDatabase(file);
    const worker = createSqliteAccessReviewStore(workerDb);
    await reconcile.write(reconciled);
    let refused: unknown;
    await worker.update((current) => {
      // The reconcile run's connection tries to write while the worker holds the transaction.
      reconcileDb.pragma('busy_timeout = 0');
      try {
        reconcileDb.prepare('UPDATE access_review SET report = report WHERE id = 1').run();
      } catch (error) {
        refused = error;
      }
      return addWorkerLeaver(current);
    });
    expect((refused as { code?: string })?.code).toBe('SQLITE_BUSY');
    expect(summary((await reconcile.read()) as AccessReviewReport).sort()).toEqual([
      'leaver-with-seat bamboohr:1→100',
      'leaver-with-seat bamboohr:2→200',
    ]);
    reconcileDb.close();
    workerDb.close();
  });
});
