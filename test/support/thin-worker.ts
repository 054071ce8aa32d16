import { parseConfig } from '../../lambda/config/load.js';
import type { EmployeeChange } from '../../lambda/core/employee-change.js';
import { createEnricher } from '../../lambda/providers/enrich.js';
import {
  BAMBOOHR_CREDENTIALS,
  type FakeBambooHr,
  type FakeEmployee,
  startFakeBambooHr,
} from './fake-bamboohr.js';
import type { FakeUserInput } from './fake-heymarket.js';
import { workerAgainstFake } from './worker-against-fake.js';

/**
 * The worker (`syncBatch`, the real Heymarket client, an applied store) with its enricher as the
 * Lambda builds it (lambda/providers/enrich.ts: the real BambooHR client), against the loopback fake
 * Heymarket and fake BambooHR; in-invocation retries do not wait. For rules about the calls a batch of
 * thin BambooHR events makes.
 */
export async function thinBambooHrWorker(people: { employees: FakeEmployee[]; users: FakeUserInput[] }) {
  const bamboohr: FakeBambooHr = await startFakeBambooHr({ employees: people.employees });
  const worker = await workerAgainstFake({ users: people.users });
  const config = parseConfig(
    { providers: { bamboohr: { enabled: true, apiBaseUrl: bamboohr.url } } },
    'test',
  );
  worker.deps.enrich = createEnricher({
    config,
    credentials: async () => ({ bamboohr: BAMBOOHR_CREDENTIALS }),
    deps: { now: Date.now, log: worker.deps.log, sleep: async () => {} },
  });
  return {
    ...worker,
    bamboohr,
    /** BambooHR's employee reads, by employee id. */
    reads: () =>
      bamboohr.requests.flatMap((request) => {
        const id = /\/employees\/([^/]+)$/.exec(request.path)?.[1];
        return id === undefined ? [] : [decodeURIComponent(id)];
      }),
    /** Heymarket's calls by path. */
    heymarketCalls: (path: '/v1/users/get' | '/v1/users/update') =>
      worker.fake.requests.filter((request) => request.path === path).length,
    close: async () => {
      await worker.fake.close();
      await bamboohr.close();
    },
  };
}

/** A thin BambooHR `employee.updated` about employee `id`, as the receiver queues it. */
export function thinBambooHrChange(id: string, eventId: string, occurredAt: string): EmployeeChange {
  return {
    v: 1,
    provider: 'bamboohr',
    tenant: '12345',
    eventId,
    type: 'employee.updated',
    occurredAt,
    receivedAt: occurredAt,
    employee: { id },
    needsEnrichment: true,
  };
}

/** `count` employees in BambooHR, each with a Heymarket user of the same work email. */
export function bambooHrTeam(count: number) {
  const employees: FakeEmployee[] = [];
  const users: FakeUserInput[] = [];
  for (let index = 0; index < count; index += 1) {
    const email = `person${index}@example.test`;
    employees.push({
      id: `${100 + index}`,
      firstName: `First${index}`,
      lastName: `Last${index}`,
      workEmail: email,
    });
    users.push({ id: 7000 + index, email, first_name: 'Old', last_name: 'Name', role_id: 4 });
  }
  return { employees, users };
}
