import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretReader } from '../../lambda/aws/secret-reader.js';
import { parseConfig } from '../../lambda/config/load.js';
import { HeymarketSecret } from '../../lambda/config/secrets.js';
import type { QueueRecord } from '../../lambda/core/ports.js';
import { TtlCache } from '../../lambda/core/ttl-cache.js';
import { createHeymarketClient } from '../../lambda/heymarket/client.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
import { callFloors, type DeliveredChange, type FloorField } from '../support/call-floors.js';
import { makeChange } from '../support/changes.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws.js';
import { DEFAULT_SECRET, type FakeHeymarket, startFakeHeymarket } from '../support/fake-heymarket.js';
import { faultPlan, ROLE_BY_DEPARTMENT } from '../support/fault-plan.js';
import { MemoryAppliedStore } from '../support/memory-applied-store.js';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/heymarket-AbCdEf';
const BATCH_SIZE = 50;
// Smaller than a batch, so a batch of ~45 distinct users needs several update calls.
const CHUNK_SIZE = 20;
const silent = { info() {}, warn() {}, error() {} };

/**
 * The worker's Heymarket budget, counted (timings are the benchmark's, `npm run bench`): 2,000 changes
 * for 200 employees, shuffled, in batches of 50 through one container (one secret reader, one user-id
 * cache, the applied store). Budget: calls = the floor the batches allow (test/support/call-floors.ts),
 * one secret fetch.
 */
describe('the worker, over 2,000 changes in batches of 50', () => {
  let aws: FakeAws;
  let heymarket: FakeHeymarket;
  const batches: DeliveredChange[][] = [];
  let plan: ReturnType<typeof faultPlan>;

  beforeAll(async () => {
    plan = faultPlan({
      seed: 2_000,
      employees: 200,
      changesPerEmployee: 10,
      unknownEmployees: 0,
      now: Date.now(),
    });
    aws = await startFakeAws();
    aws.putSecret(
      SECRET_ARN,
      JSON.stringify({ apiSecretId: DEFAULT_SECRET.id, apiSecretKey: DEFAULT_SECRET.key }),
    );
    heymarket = await startFakeHeymarket({ users: plan.users });
    const config = parseConfig(
      {
        heymarket: { chunkSize: CHUNK_SIZE },
        roles: {
          rules: Object.entries(ROLE_BY_DEPARTMENT).map(([department, roleId]) => ({
            match: { department },
            roleId,
          })),
        },
      },
      'test',
    );
    // One container: what the worker keeps at module scope.
    const secrets = createSecretReader({
      client: new SecretsManagerClient({
        endpoint: aws.url,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret' },
      }),
      ttlMs: config.secretCacheTtlSeconds * 1000,
    });
    const client = createHeymarketClient({
      baseUrl: heymarket.url,
      credentials: ({ forceRefresh }) => secrets.read(SECRET_ARN, HeymarketSecret, { forceRefresh }),
      chunkSize: config.heymarket.chunkSize,
      log: silent,
    });
    const deps = {
      config,
      heymarket: client,
      deadLetters: {
        async send() {
          throw new Error('nothing should be dead-lettered');
        },
      },
      userIds: new TtlCache<string, number>(config.heymarket.userCacheTtlSeconds * 1000, Date.now),
      applied: new MemoryAppliedStore(),
      log: silent,
      now: Date.now,
    };

    const records: QueueRecord[] = plan.deliveries.flatMap((delivery) =>
      delivery.changes.map((change) => ({
        messageId: change.id,
        body: JSON.stringify(
          makeChange({
            eventId: change.id,
            occurredAt: change.occurredAt,
            employee: {
              id: change.employee,
              workEmail: change.email,
              firstName: change.firstName,
              lastName: change.lastName,
              department: change.department,
            },
          }),
        ),
        attributes: {},
        receiveCount: 1,
      })),
    );
    for (let start = 0; start < records.length; start += BATCH_SIZE) {
      const batch = records.slice(start, start + BATCH_SIZE);
      const { retry } = await syncBatch(batch, deps, { deadline: Date.now() + 60_000 });
      expect(retry).toEqual([]);
      batches.push(
        batch.map((record) => {
          const { employee, occurredAt } = JSON.parse(record.body);
          const fields: FloorField[] = [];
          if (employee.firstName !== undefined) fields.push('first_name');
          if (employee.lastName !== undefined) fields.push('last_name');
          // Every department of the plan has a role rule: a change that carries one sets a role.
          if (employee.department !== undefined) fields.push('role_id');
          return { employee: employee.id, at: Date.parse(occurredAt), fields };
        }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    await heymarket?.close();
    await aws?.close();
  });

  it('reads a user only when not remembered or about to get a role, and sends ceil(users needing a change / chunk) updates: the floor', () => {
    const floor = callFloors(batches, CHUNK_SIZE);
    const calls = (path: string) => heymarket.requests.filter((request) => request.path === path).length;

    expect(batches).toHaveLength(40);
    expect(calls('/v1/users/get')).toBe(floor.lookups);
    expect(calls('/v1/users/update')).toBe(floor.updates);
    expect(heymarket.requests.every((request) => request.status === 200)).toBe(true);
  });

  it('fetches the Heymarket secret once for the whole run', () => {
    expect(aws.calls.filter((call) => call.action === 'GetSecretValue')).toHaveLength(1);
  });

  it('ends with every employee holding the newest value of each field', () => {
    const wrong = [...plan.expected].filter(([id, expected]) => {
      const user = heymarket.users.get(id);
      return (
        user?.first_name !== expected.first_name ||
        user?.last_name !== expected.last_name ||
        user?.role_id !== expected.role_id
      );
    });
    expect(wrong.map(([id]) => id)).toEqual([]);
  });
});
