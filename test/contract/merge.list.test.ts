import { afterEach, describe, expect, it } from 'vitest';
import type { Employee } from '../../lambda/core/employee-change.js';
import {
  EMPLOYEES,
  type FakeMerge,
  type FakeMergeEmployee,
  JOHNSON,
  mergeClientFor,
  startFakeMerge,
} from '../support/fake-merge.js';

const now = () => Date.parse('2026-02-06T10:00:00.000Z');

/** Many invented employees, enough for several pages. */
const crowd = (count: number): FakeMergeEmployee[] =>
  Array.from({ length: count }, (_, index) => ({
    ...JOHNSON,
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    work_email: `person.${index}@example.test`,
    modified_at: `2026-01-${String((index % 28) + 1).padStart(2, '0')}T00:00:00Z`,
  }));

async function collect(pages: AsyncGenerator<Employee[]>) {
  const out: Employee[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('listing every Merge employee', () => {
  let fake: FakeMerge;
  afterEach(() => fake?.close());

  it('pages with the cursor Merge answers, 100 a page with employments and team expanded', async () => {
    fake = await startFakeMerge({ employees: crowd(250) });
    const { client, logs } = mergeClientFor(fake, { now });
    const pages = await collect(client.listEmployees());
    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
    expect(pages.flat().map((employee) => employee.id)).toEqual(crowd(250).map((employee) => employee.id));
    expect(pages[0]?.[0]).toMatchObject({ jobTitle: 'Aerospace Technologist', department: 'Engineering' });
    expect(fake.requests.map((request) => request.query)).toEqual([
      { page_size: '100', expand: 'employments,team' },
      { page_size: '100', expand: 'employments,team', cursor: expect.any(String) },
      { page_size: '100', expand: 'employments,team', cursor: expect.any(String) },
    ]);
    expect(
      fake.requests.every((request) => request.authorized && request.path === '/api/hris/v1/employees'),
    ).toBe(true);
    expect(
      logs.filter((line) => line.message === 'merge employees page').map((line) => line.attributes),
    ).toEqual([
      { page: 1, employees: 100, skippedWithoutId: 0 },
      { page: 2, employees: 100, skippedWithoutId: 0 },
      { page: 3, employees: 50, skippedWithoutId: 0 },
    ]);
  });

  it('never asks for more than 100 a page, nor fewer than 1', async () => {
    fake = await startFakeMerge({ employees: crowd(3) });
    const { client } = mergeClientFor(fake, { now });
    await collect(client.listEmployees({ pageSize: 500 }));
    await collect(client.listEmployees({ pageSize: 0 }));
    expect(fake.requests.map((request) => request.query.page_size)).toEqual(['100', '1', '1', '1']);
  });

  it('follows a next that is a full URL by its cursor, on the configured base URL only', async () => {
    fake = await startFakeMerge({ employees: crowd(5), next: 'url' });
    const { client } = mergeClientFor(fake, { now });
    const pages = await collect(client.listEmployees({ pageSize: 2 }));
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(fake.requests[1]?.query).toEqual({
      page_size: '2',
      expand: 'employments,team',
      cursor: expect.any(String),
    });
  });

  it('passes modified_after and include_deleted_data, and reads deleted employees as terminated', async () => {
    fake = await startFakeMerge({ employees: EMPLOYEES });
    const { client } = mergeClientFor(fake, { now });
    const all = (await collect(client.listEmployees({ includeDeleted: true }))).flat();
    expect(all.map((employee) => [employee.id, employee.status])).toEqual([
      [JOHNSON.id, 'active'],
      ['3c8f0d2e-5a4b-4f9c-8b7d-2e3f4a5b6c7d', 'inactive'],
      ['4d9a1e3f-6b5c-4a0d-9c8e-3f4a5b6c7d8e', 'terminated'],
      ['5e0b2f4a-7c6d-4b1e-8d9f-4a5b6c7d8e9f', 'terminated'],
    ]);
    const recent = (await collect(client.listEmployees({ modifiedAfter: '2026-01-18T00:00:00Z' }))).flat();
    expect(recent.map((employee) => employee.id)).toEqual([
      JOHNSON.id,
      '3c8f0d2e-5a4b-4f9c-8b7d-2e3f4a5b6c7d',
    ]);
    expect(fake.requests.map((request) => request.query)).toEqual([
      { page_size: '100', expand: 'employments,team', include_deleted_data: 'true' },
      { page_size: '100', expand: 'employments,team', modified_after: '2026-01-18T00:00:00Z' },
    ]);
  });

  it('retries a page that failed, and goes on from the same cursor', async () => {
    fake = await startFakeMerge({ employees: crowd(3) });
    const { client, sleeps } = mergeClientFor(fake, { now });
    const pages = client.listEmployees({ pageSize: 2 });
    expect((await pages.next()).value).toHaveLength(2);
    fake.inject({ kind: 'status', status: 429, retryAfter: '1' });
    expect((await pages.next()).value).toHaveLength(1);
    expect(sleeps).toEqual([1_000]);
    expect(fake.requests[1]?.query.cursor).toBe(fake.requests[2]?.query.cursor);
  });
});
