import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { EmployeeChange } from '../../lambda/core/employee-change.js';
import { createEnricher } from '../../lambda/providers/enrich.js';
import { findProvider } from '../../lambda/providers/index.js';
import {
  BAMBOOHR_CREDENTIALS,
  EMPLOYEES,
  type FakeBambooHr,
  startFakeBambooHr,
} from '../support/fake-bamboohr.js';

const NOW = Date.parse('2026-01-31T18:42:05.000Z');
const silent = { info: () => {}, warn: () => {}, error: () => {} };

const thin = EmployeeChange.parse({
  v: 1,
  provider: 'bamboohr',
  tenant: '12345',
  eventId: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  type: 'employee.updated',
  occurredAt: '2026-01-31T18:42:00.000Z',
  receivedAt: '2026-01-31T18:42:03.000Z',
  employee: { id: '67890' },
  needsEnrichment: true,
});

describe('the worker enriching a thin BambooHR event', () => {
  let fake: FakeBambooHr;
  afterEach(() => fake.close());

  it('finds the BambooHR client in the registry and reads the employee with the HR-system secret', async () => {
    fake = await startFakeBambooHr({ employees: EMPLOYEES });
    expect(findProvider('bamboohr')?.source).toBeTypeOf('function');
    const config = parseConfig({ providers: { bamboohr: { enabled: true, apiBaseUrl: fake.url } } }, 'test');
    const enrich = createEnricher({
      config,
      credentials: async () => ({ bamboohr: BAMBOOHR_CREDENTIALS }),
      deps: { now: () => NOW, log: silent },
    });
    expect(await enrich(thin, { deadline: NOW + 30_000 })).toMatchObject({
      id: '67890',
      workEmail: 'bryony.okafor@example.test',
      status: 'active',
    });
    expect(fake.requests[0]?.authorized).toBe(true);
  });

  it('sends the change to the DLQ with a reason when the secret has no bamboohr entry', async () => {
    fake = await startFakeBambooHr();
    const config = parseConfig({ providers: { bamboohr: { enabled: true, apiBaseUrl: fake.url } } }, 'test');
    const enrich = createEnricher({
      config,
      credentials: async () => ({}),
      deps: { now: () => NOW, log: silent },
    });
    await expect(enrich(thin, { deadline: NOW + 30_000 })).rejects.toMatchObject({
      kind: 'permanent',
      code: 'hris-credentials-missing',
    });
    expect(fake.requests).toEqual([]);
  });
});
