import { afterEach, describe, expect, it } from 'vitest';
import { type FakeMergeEmployee, MERGE_CREDENTIALS, startFakeMerge } from '../support/fake-merge.js';
import { API_CREDENTIAL, type FakePerson, startFakePersonio } from '../support/fake-personio.js';
import { type ReconcileHarness, startReconcileHarness } from '../support/reconcile-harness.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const mergeEmployee = (i: number): FakeMergeEmployee => ({
  id: `m-${i}`,
  first_name: `Given${i}`,
  last_name: `Family${i}`,
  work_email: `merge${i}@example.test`,
  employments: [],
  team: null,
  employment_status: 'ACTIVE',
  modified_at: '2026-02-01T09:00:00Z',
});
const person = (i: number): FakePerson => ({
  id: String(5000 + i),
  email: `personio${i}@example.test`,
  firstName: `Given${i}`,
  lastName: `Family${i}`,
});
/** Users for every employee, every third holding an old last name. */
const usersFor = (emails: string[]) =>
  emails.map((email, i) => ({
    id: 30_000 + i,
    email,
    first_name: `Given${i}`,
    last_name: i % 3 === 0 ? `Old${i}` : `Family${i}`,
  }));

async function harnessFor(config: Parameters<typeof startReconcileHarness>[0]): Promise<ReconcileHarness> {
  const harness = await startReconcileHarness(config);
  closers.push(harness.close);
  return harness;
}

describe('listing paged HR APIs for reconcile', () => {
  it('follows Merge cursors over every page and rides out a 429 with Retry-After', async () => {
    const merge = await startFakeMerge({
      employees: Array.from({ length: 250 }, (_, i) => mergeEmployee(i)),
    });
    closers.push(merge.close);
    merge.inject({ kind: 'status', status: 429, retryAfter: '2' });
    const harness = await harnessFor({
      config: {
        providers: { merge: { enabled: true, apiBaseUrl: merge.url } },
        reconcile: { maxChanges: 500 },
      },
      users: usersFor(Array.from({ length: 250 }, (_, i) => `merge${i}@example.test`)),
      hris: { merge: MERGE_CREDENTIALS },
    });
    const summary = await harness.run();
    expect(summary).toMatchObject({
      status: 'complete',
      listed: 250,
      matched: 250,
      differing: 84,
      enqueued: 84,
    });
    // 3 pages of 100, the first asked twice: once refused with 429, once answered.
    expect(merge.requests.map((request) => request.status)).toEqual([429, 200, 200, 200]);
    expect(merge.requests.map((request) => request.query.cursor !== undefined)).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(harness.logs).toContainEqual(expect.objectContaining({ message: 'merge retry' }));
  });

  it('follows Personio next links over every page and rides out a 429', async () => {
    const personio = await startFakePersonio({ people: Array.from({ length: 120 }, (_, i) => person(i)) });
    closers.push(personio.close);
    personio.inject({ kind: 'status', status: 429, retryAfter: '1' }, { path: '/v2/persons' });
    const harness = await harnessFor({
      config: { providers: { personio: { enabled: true, apiBaseUrl: personio.url } } },
      users: usersFor(Array.from({ length: 120 }, (_, i) => `personio${i}@example.test`)),
      hris: { personio: API_CREDENTIAL },
    });
    const summary = await harness.run();
    expect(summary).toMatchObject({
      status: 'complete',
      listed: 120,
      matched: 120,
      differing: 40,
      enqueued: 40,
    });
    const pages = personio.requests.filter((request) => request.path.startsWith('/v2/persons?'));
    expect(pages.map((request) => request.status)).toEqual([429, 200, 200, 200]);
    expect(await harness.work()).toBe(40);
  });

  it('reports a provider it cannot list and still reconciles the others', async () => {
    const merge = await startFakeMerge({ employees: [mergeEmployee(0)] });
    closers.push(merge.close);
    const harness = await harnessFor({
      config: {
        providers: {
          merge: { enabled: true, apiBaseUrl: merge.url },
          personio: { enabled: true, apiBaseUrl: 'http://127.0.0.1:9' },
        },
      },
      users: usersFor(['merge0@example.test']),
      hris: { merge: MERGE_CREDENTIALS },
    });
    const summary = await harness.run();
    expect(summary).toMatchObject({
      status: 'complete',
      listed: 1,
      differing: 1,
      enqueued: 1,
      failures: { personio: 'hris-credentials-missing' },
    });
    expect(harness.counts.ReconcileFailures).toBe(1);
  });
});
