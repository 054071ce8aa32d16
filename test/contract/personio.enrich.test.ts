import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import { createEnricher } from '../../lambda/providers/enrich.js';
import {
  API_CREDENTIAL,
  type FakePersonio,
  HAMILTON,
  ORG_UNITS,
  PEOPLE,
  startFakePersonio,
} from '../support/fake-personio.js';

const log = { info: () => {}, warn: () => {}, error: () => {} };

describe("the worker's enricher for Personio", () => {
  let fake: FakePersonio;
  afterEach(() => fake?.close());

  it('reads a thin Personio change with the HR-system secret entry and the configured base URL', async () => {
    fake = await startFakePersonio({ people: PEOPLE, orgUnits: ORG_UNITS });
    const enrich = createEnricher({
      config: parseConfig({ providers: { personio: { enabled: true, apiBaseUrl: fake.url } } }, 'test'),
      credentials: async () => ({ personio: API_CREDENTIAL }),
      deps: { now: Date.now, log },
    });
    const change = EmployeeChange.parse({
      v: 1,
      provider: 'personio',
      tenant: '81725',
      eventId: 'evt-1',
      type: 'employee.updated',
      occurredAt: '2026-02-01T09:00:00.915Z',
      receivedAt: '2026-02-01T09:00:01.000Z',
      employee: { id: HAMILTON.id },
      needsEnrichment: true,
    });
    const employee = await enrich(change, { deadline: Date.now() + 30_000 });
    expect(employee).toMatchObject({
      id: HAMILTON.id,
      jobTitle: 'Flight Software Lead',
      department: 'Engineering',
    });
  });
});
