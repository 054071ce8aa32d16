import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { createEnricher } from '../../lambda/providers/enrich.js';
import { parseMerge } from '../../lambda/providers/merge/parse.js';
import {
  EMPLOYEES,
  type FakeMerge,
  JOHNSON,
  MERGE_CREDENTIALS,
  mergeFixture,
  startFakeMerge,
} from '../support/fake-merge.js';

const log = { info: () => {}, warn: () => {}, error: () => {} };
const NOW = Date.parse('2026-02-06T10:00:00.000Z');

describe("the worker's enricher for Merge", () => {
  let fake: FakeMerge;
  afterEach(() => fake?.close());

  it('reads the employee of an unexpanded delivery with the HR-system secret entry and the configured base URL', async () => {
    fake = await startFakeMerge({ employees: EMPLOYEES });
    const config = parseConfig({ providers: { merge: { enabled: true, apiBaseUrl: fake.url } } }, 'test');
    const parsed = parseMerge({
      body: Buffer.from(mergeFixture('employee-changed-unexpanded.json')),
      settings: config.providers.merge,
      header: () => undefined,
      receivedAt: new Date(NOW).toISOString(),
    });
    if (parsed.kind !== 'changes') throw new Error('expected a change');
    const [change] = parsed.changes;
    expect(change?.needsEnrichment).toBe(true);

    const enrich = createEnricher({
      config,
      credentials: async () => ({ merge: MERGE_CREDENTIALS }),
      deps: { now: () => NOW, log },
    });
    if (!change) throw new Error('expected a change');
    expect(await enrich(change, { deadline: NOW + 30_000 })).toEqual({
      id: JOHNSON.id,
      workEmail: 'katherine.johnson@example.test',
      firstName: 'Katherine',
      lastName: 'Johnson',
      preferredName: 'Kathy',
      jobTitle: 'Aerospace Technologist',
      department: 'Engineering',
      status: 'active',
    });
    expect(fake.requests).toMatchObject([{ authorized: true, query: { expand: 'employments,team' } }]);
  });
});
