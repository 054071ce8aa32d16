import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROFILE_FIELDS } from '../../lambda/providers/hibob/api.js';
import { type FakeHiBob, HAMILTON, hibobClientFor, PEOPLE, startFakeHiBob } from '../support/fake-hibob.js';

describe('searching all HiBob employees (for reconcile)', () => {
  let fake: FakeHiBob;
  beforeEach(async () => {
    fake = await startFakeHiBob({ people: PEOPLE, shape: 'both' });
  });
  afterEach(() => fake.close());

  it('asks for leavers too by default and maps every employee, in one call', async () => {
    const { client, logs } = hibobClientFor(fake);
    const employees = await client.searchPeople();
    expect(employees.map((employee) => [employee.id, employee.status])).toEqual([
      ['3332883884017713238', 'active'],
      ['3332883884017713239', 'active'],
      ['3332883884017713240', 'terminated'],
    ]);
    expect(employees[0]).toMatchObject({ preferredName: 'Maggie', department: 'Engineering' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/people/search', authorized: true });
    expect(fake.requests[0]?.body).toEqual({
      fields: [
        ...PROFILE_FIELDS,
        'root.modificationDate',
        'root.modificationDateTime',
        'internal.terminationDate',
      ],
      showInactive: true,
      humanReadable: 'REPLACE',
    });
    expect(logs).toContainEqual({
      level: 'info',
      message: 'hibob people search',
      attributes: { employees: 3, skippedWithoutId: 0 },
    });
  });

  it('leaves leavers out when asked to', async () => {
    const { client } = hibobClientFor(fake);
    expect(await client.searchPeople({ showInactive: false })).toHaveLength(2);
    expect(fake.requests[0]?.body).toMatchObject({ showInactive: false });
  });

  it('carries a termination date only for a terminated employee: a rehire on leave, hired or employed keeps the old date out', async () => {
    await fake.close();
    const rehire = (id: string, lifecycleStatus: string) => ({
      ...HAMILTON,
      id,
      email: `rehire${id}@example.test`,
      lifecycleStatus,
      terminationDate: '2025-06-30',
    });
    fake = await startFakeHiBob({
      people: [
        ...PEOPLE.filter((person) => person.lifecycleStatus === 'terminated'),
        rehire('41', 'on leave'),
        rehire('42', 'hired'),
        rehire('43', 'employed'),
      ],
    });
    const { client } = hibobClientFor(fake);
    const employees = await client.searchPeople();
    expect(employees.map(({ id, status, terminationDate }) => [id, status, terminationDate])).toEqual([
      ['3332883884017713240', 'terminated', '2026-01-15'],
      ['41', 'inactive', undefined],
      ['42', 'inactive', undefined],
      ['43', 'active', undefined],
    ]);
  });

  it('carries the termination date when the service user may see no status, so the leaver is not missed', async () => {
    await fake.close();
    fake = await startFakeHiBob({
      people: PEOPLE,
      withheld: ['internal.lifecycleStatus', 'internal.status'],
    });
    const { client } = hibobClientFor(fake);
    const employees = await client.searchPeople();
    expect(employees.map(({ status, terminationDate }) => [status, terminationDate])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, '2026-01-15'],
    ]);
  });

  it('skips and counts records without an id', async () => {
    await fake.close();
    fake = await startFakeHiBob({ people: PEOPLE, withheld: ['root.id'] });
    const { client, logs } = hibobClientFor(fake);
    expect(await client.searchPeople()).toEqual([]);
    expect(logs).toContainEqual({
      level: 'info',
      message: 'hibob people search',
      attributes: { employees: 0, skippedWithoutId: 3 },
    });
  });
});
