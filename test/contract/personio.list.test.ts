import { afterEach, describe, expect, it } from 'vitest';
import type { Employee } from '../../lambda/core/employee-change.js';
import { type FakePersonio, PEOPLE, personioClientFor, startFakePersonio } from '../support/fake-personio.js';

async function collect(pages: AsyncIterable<Employee[]>): Promise<Employee[][]> {
  const out: Employee[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('listing Personio persons for the reconcile job', () => {
  let fake: FakePersonio;
  afterEach(() => fake?.close());

  it('follows _meta.links.next.href page by page, sending it to the configured base URL', async () => {
    fake = await startFakePersonio({ people: PEOPLE });
    const { client, logs } = personioClientFor(fake);
    const pages = await collect(client.listPersons({ limit: 3 }));

    expect(pages.map((page) => page.map((employee) => employee.id))).toEqual([
      ['4471902', '4471903', '4471904'],
      ['4471905'],
    ]);
    // The next link names api.personio.de; only its path and query are used, on the loopback fake.
    expect(fake.requests.map((request) => request.path)).toEqual([
      '/v2/auth/token',
      '/v2/persons?limit=3',
      '/v2/persons?cursor=3&limit=3',
    ]);
    expect(logs).toContainEqual({
      level: 'info',
      message: 'personio persons page',
      attributes: { page: 2, employees: 1, skippedWithoutId: 0 },
    });
  });

  it('carries what the person record holds: names, email and status, not title or department', async () => {
    fake = await startFakePersonio({ people: PEOPLE });
    const { client } = personioClientFor(fake);
    const [first] = await collect(client.listPersons());
    expect(first?.[0]).toEqual({
      id: '4471902',
      workEmail: 'margaret.hamilton@example.test',
      firstName: 'Margaret',
      lastName: 'Hamilton',
      preferredName: 'Maggie',
      status: 'active',
    });
    expect(first?.[2]?.status).toBe('terminated');
  });

  it('asks for at most 50 a page, the API maximum', async () => {
    fake = await startFakePersonio({ people: PEOPLE });
    const { client } = personioClientFor(fake);
    await collect(client.listPersons({ limit: 500 }));
    expect(fake.requests[1]?.path).toBe('/v2/persons?limit=50');
  });
});
