import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import type { HrisSecrets } from '../../lambda/config/secrets.js';
import type { EmployeeChange } from '../../lambda/core/employee-change.js';
import { permanent } from '../../lambda/core/errors.js';
import { readOnceForAll } from '../../lambda/providers/employee-reads.js';
import { createEnricher } from '../../lambda/providers/enrich.js';
import { mergeApi } from '../../lambda/providers/merge/api.js';
import { makeChange } from '../support/changes.js';

const log = { info: () => {}, warn: () => {}, error: () => {} };
const originalSource = mergeApi.source;
afterEach(() => {
  mergeApi.source = originalSource;
});

const built: unknown[] = [];
function installFakeFactory() {
  built.length = 0;
  mergeApi.source = (_settings, credentials) => {
    built.push(credentials);
    const fetchEmployee = async (change: EmployeeChange) => ({
      id: change.employee.id,
      firstName: 'Fetched',
    });
    return { fetchEmployee, fetchEmployees: readOnceForAll(fetchEmployee) };
  };
}

const thinMerge = makeChange({ provider: 'merge', needsEnrichment: true });
const options = { deadline: Date.now() + 60_000 };

describe('enriching with HR API credentials', () => {
  it('builds the API client once per set of credentials, and anew after a rotation', async () => {
    installFakeFactory();
    let secret: HrisSecrets = { merge: { apiKey: 'k1', accountToken: 't1' } };
    const enrich = createEnricher({
      config: parseConfig({}, 'test'),
      credentials: async () => secret,
      deps: { now: Date.now, log },
    });

    await enrich([thinMerge], options);
    await enrich([thinMerge], options);
    secret = { merge: { apiKey: 'k2', accountToken: 't1' } };
    const [read] = await enrich([thinMerge], options);

    expect(read).toEqual({ employee: { id: thinMerge.employee.id, firstName: 'Fetched' } });
    expect(built).toHaveLength(2);
  });

  it('dead-letters with a reason when the secret has no entry for the provider', async () => {
    installFakeFactory();
    const enrich = createEnricher({
      config: parseConfig({}, 'test'),
      credentials: async () => ({}),
      deps: { now: Date.now, log },
    });
    await expect(enrich([thinMerge], options)).rejects.toMatchObject({
      kind: 'permanent',
      code: 'hris-credentials-missing',
      message: 'the HR API secret has no "merge" entry',
    });
  });

  it('keeps the change on the queue when the secret cannot be read', async () => {
    installFakeFactory();
    const enrich = createEnricher({
      config: parseConfig({}, 'test'),
      credentials: async () => {
        throw permanent('secret-not-found', 'secret hr-sync/hris: not found');
      },
      deps: { now: Date.now, log },
    });
    await expect(enrich([thinMerge], options)).rejects.toMatchObject({
      kind: 'transient',
      code: 'secret-not-found',
    });
  });

  it('dead-letters with a reason when the provider has no API client', async () => {
    const enrich = createEnricher({
      config: parseConfig({}, 'test'),
      credentials: async () => ({}),
      deps: { now: Date.now, log },
    });
    await expect(
      enrich([makeChange({ provider: 'standard', needsEnrichment: true })], options),
    ).rejects.toMatchObject({
      kind: 'permanent',
      code: 'enrichment-unavailable',
    });
  });
});
