import { afterEach, describe, expect, it } from 'vitest';
import {
  EMPLOYEES,
  type FakeMerge,
  JOHNSON,
  MERGE_CREDENTIALS,
  mergeClientFor,
  startFakeMerge,
} from '../support/fake-merge.js';
import { MERGE_SUBJECT } from '../support/hr-api-subjects/merge.js';
import { EMPTY_BODY_HASH, thinChange } from '../support/hr-client-calls.js';

const OCCURRED_AT = '2026-02-01T09:00:00.000Z';
const now = () => Date.parse('2026-02-06T10:00:00.000Z');
const deadline = now() + 30_000;

const changeFor = (id: string) =>
  thinChange('merge', id, {
    tenant: '6f1b7a52-3c1e-4f0a-9d2b-7a9e1c4b5d60',
    eventId: EMPTY_BODY_HASH,
    occurredAt: OCCURRED_AT,
  });

describe('reading one employee from Merge', () => {
  let fake: FakeMerge;
  afterEach(() => fake?.close());

  it('sends the API key as a bearer token with the account token, expands employments and team, and maps the answer', async () => {
    fake = await startFakeMerge({ employees: EMPLOYEES });
    const { client } = mergeClientFor(fake, { now });
    expect(await client.fetchEmployee(changeFor(JOHNSON.id), { deadline })).toEqual(MERGE_SUBJECT.employee);
    const [request, ...rest] = fake.requests;
    expect(rest).toEqual([]);
    expect(request).toMatchObject({
      method: 'GET',
      path: `/api/hris/v1/employees/${JOHNSON.id}`,
      query: { expand: 'employments,team' },
      authorized: true,
    });
    expect(request?.headers.authorization).toBe(`Bearer ${MERGE_CREDENTIALS.apiKey}`);
    expect(request?.headers['x-account-token']).toBe(MERGE_CREDENTIALS.accountToken);
    expect(request?.headers.accept).toBe('application/json');
  });

  it.each([
    ['3c8f0d2e-5a4b-4f9c-8b7d-2e3f4a5b6c7d', 'inactive', 'PENDING'],
    ['4d9a1e3f-6b5c-4a0d-9c8e-3f4a5b6c7d8e', 'terminated', 'INACTIVE with a termination date'],
    ['5e0b2f4a-7c6d-4b1e-8d9f-4a5b6c7d8e9f', 'terminated', 'deleted in the remote system'],
  ])('reads employee %s as %s (%s)', async (id, status) => {
    fake = await startFakeMerge({ employees: EMPLOYEES });
    const { client } = mergeClientFor(fake, { now });
    expect((await client.fetchEmployee(changeFor(id), { deadline })).status).toBe(status);
  });

  it('decides whether a termination date has come by the injected clock', async () => {
    fake = await startFakeMerge({
      employees: [{ ...JOHNSON, termination_date: '2026-02-06T00:00:00Z' }],
    });
    const before = mergeClientFor(fake, { now: () => Date.parse('2026-02-05T23:59:00Z') }).client;
    expect((await before.fetchEmployee(changeFor(JOHNSON.id), { deadline })).status).toBe('active');
    const on = mergeClientFor(fake, { now }).client;
    expect((await on.fetchEmployee(changeFor(JOHNSON.id), { deadline })).status).toBe('terminated');
  });

  it('reads the base URL with or without a trailing slash', async () => {
    fake = await startFakeMerge({ employees: EMPLOYEES });
    const { client } = mergeClientFor(fake, { now, settings: { apiBaseUrl: `${fake.url}/` } });
    await client.fetchEmployee(changeFor(JOHNSON.id), { deadline });
    expect(fake.requests[0]?.path).toBe(`/api/hris/v1/employees/${JOHNSON.id}`);
  });
});
