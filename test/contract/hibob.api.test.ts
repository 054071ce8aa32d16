import { afterEach, describe, expect, it } from 'vitest';
import { PROFILE_FIELDS } from '../../lambda/providers/hibob/api.js';
import {
  type FakeHiBob,
  type FakeHiBobOptions,
  hibobClientFor,
  PEOPLE,
  startFakeHiBob,
} from '../support/fake-hibob.js';
import { margaret as margaretAs } from '../support/hr-api-subjects/subject.js';
import { EMPTY_BODY_HASH, thinChange } from '../support/hr-client-calls.js';

const MARGARET = '3332883884017713238';
// Margaret's record was last written at 09:00:00.250 UTC; this event follows it, and it is read 3 s later.
const OCCURRED_AT = '2026-02-01T09:00:00.915Z';
const now = () => Date.parse(OCCURRED_AT) + 3_000;

const changeFor = (id: string, occurredAt = OCCURRED_AT) =>
  thinChange('hibob', id, { tenant: '636192', eventId: EMPTY_BODY_HASH, occurredAt });

const margaret = margaretAs(MARGARET);

describe('reading one employee from HiBob', () => {
  let fake: FakeHiBob;
  const start = async (options: FakeHiBobOptions = {}) => {
    fake = await startFakeHiBob({ people: PEOPLE, ...options });
    return fake;
  };
  afterEach(() => fake?.close());

  it('posts the field ids with HTTP Basic and humanReadable REPLACE, and maps the answer', async () => {
    await start();
    const { client } = hibobClientFor(fake, { now });
    expect(await client.fetchEmployee(changeFor(MARGARET), { deadline: now() + 30_000 })).toEqual(margaret);

    const [request, ...rest] = fake.requests;
    expect(rest).toEqual([]);
    expect(request).toMatchObject({ method: 'POST', path: `/v1/people/${MARGARET}`, authorized: true });
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      fields: [...PROFILE_FIELDS, 'root.modificationDate', 'root.modificationDateTime'],
      humanReadable: 'REPLACE',
    });
  });

  it.each(['slash', 'both'] as const)(
    'reads the same employee when HiBob answers in %s form',
    async (shape) => {
      await start({ shape });
      const { client } = hibobClientFor(fake, { now });
      expect(await client.fetchEmployee(changeFor(MARGARET), { deadline: now() + 30_000 })).toEqual(margaret);
    },
  );

  it('takes list names from the humanReadable node when asked to APPEND', async () => {
    await start({ shape: 'both' });
    const { client } = hibobClientFor(fake, { now, settings: { humanReadable: 'APPEND' } });
    const employee = await client.fetchEmployee(changeFor(MARGARET), { deadline: now() + 30_000 });
    expect(employee).toEqual(margaret);
    expect(fake.requests[0]?.body).toMatchObject({ humanReadable: 'APPEND' });
  });

  it('finds no preferred name when the display name is the first name and surname', async () => {
    await start();
    const { client } = hibobClientFor(fake, { now });
    const change = changeFor('3332883884017713239', '2026-02-01T08:00:00.000Z');
    const employee = await client.fetchEmployee(change, { deadline: now() + 30_000 });
    expect(employee).toEqual({
      id: '3332883884017713239',
      workEmail: 'dorothy.vaughan@example.test',
      firstName: 'Dorothy',
      lastName: 'Vaughan',
      jobTitle: 'Programmer',
      department: 'Analysis',
      status: 'active',
    });
  });

  it('logs the names of fields HiBob left out (permissions), and never a value', async () => {
    await start({ withheld: ['root.email', 'work.department'] });
    const { client, logs } = hibobClientFor(fake, { now });
    const employee = await client.fetchEmployee(changeFor(MARGARET), { deadline: now() + 30_000 });
    expect(employee.workEmail).toBeUndefined();
    expect(employee.department).toBeUndefined();
    expect(logs).toContainEqual({
      level: 'warn',
      message: 'hibob employee without fields',
      attributes: {
        employeeId: MARGARET,
        fields: ['root.email'],
        hint: "grant the service user View on these fields' categories",
      },
    });
    expect(JSON.stringify(logs)).not.toMatch(/example\.test|Margaret|Hamilton|Maggie|Engineering/);
  });
});
