import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretReader } from '../../lambda/aws/secret-reader.js';
import { parseConfig } from '../../lambda/config/load.js';
import { HeymarketSecret } from '../../lambda/config/secrets.js';
import type { QueueRecord } from '../../lambda/core/ports.js';
import { TtlCache } from '../../lambda/core/ttl-cache.js';
import { createHeymarketClient } from '../../lambda/heymarket/client.js';
import { syncBatch } from '../../lambda/service/sync-batch.js';
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
 * cache, the applied store). Budget: calls = the minimum the batches allow, one secret fetch.
 */
describe('the worker, over 2,000 changes in batches of 50', () => {
  let aws: FakeAws;
  let heymarket: FakeHeymarket;
  const batches: { emails: Set<string>; settingRoles: Set<string>; patched: number }[] = [];
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
      const { retry, summary } = await syncBatch(batch, deps, { deadline: Date.now() + 60_000 });
      expect(retry).toEqual([]);
      const employees = batch.map((record) => JSON.parse(record.body).employee);
      batches.push({
        emails: new Set(employees.map((employee) => employee.workEmail as string)),
        settingRoles: new Set(
          employees.flatMap((employee) => (employee.department ? [employee.workEmail as string] : [])),
        ),
        patched: summary.patched,
      });
    }
  }, 60_000);

  afterAll(async () => {
    await heymarket?.close();
    await aws?.close();
  });

  it('reads each user once per batch, only when unknown or about to get a role, and sends ceil(users / chunk) updates: the minimum', () => {
    const known = new Set<string>();
    let lookups = 0;
    let updates = 0;
    for (const batch of batches) {
      // A role is decided on the role the user holds now, so those users are read in every batch.
      const read = [...batch.emails].filter((email) => !known.has(email) || batch.settingRoles.has(email));
      for (const email of read) known.add(email);
      lookups += Math.ceil(read.length / CHUNK_SIZE);
      updates += Math.ceil(batch.patched / CHUNK_SIZE);
    }
    const calls = (path: string) => heymarket.requests.filter((request) => request.path === path).length;

    expect(batches).toHaveLength(40);
    expect(calls('/v1/users/get')).toBe(lookups);
    expect(calls('/v1/users/update')).toBe(updates);
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
