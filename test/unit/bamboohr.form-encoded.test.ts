import { describe, expect, it } from 'vitest';
import { parseFormBody } from '../../lambda/providers/bamboohr/form.js';
import { bamboohrFixture, bamboohrHeaders } from '../support/fake-bamboohr.js';
import { bamboohr } from '../support/provider-cases/bamboohr.js';
import { deliverTo } from '../support/provider-cases/index.js';
import { frozenAt, queuedBy } from '../support/provider-cases/queued.js';
import { problemOf } from '../support/receiver.js';

const NOW = Date.parse('2026-01-31T18:42:03.000Z');
const RECEIVED_AT = new Date(NOW).toISOString();
const FORM = 'application/x-www-form-urlencoded';
const queued = queuedBy('bamboohr', '12345');

async function deliver(body: string, contentType = FORM) {
  const headers = bamboohrHeaders(body, { contentType });
  const { response, messages } = await deliverTo(bamboohr, body, { companyId: '12345' }, headers);
  return { response, changes: messages.map((message) => message.body) };
}

describe('a BambooHR delivery in the "Form Post" encoding', () => {
  frozenAt(NOW);

  it.each([
    [
      'event-based (the docs example, which has no timestamp)',
      'event-employee-updated.form',
      { employee: { id: '67890' }, needsEnrichment: true },
    ],
    [
      'field-based: employees keyed by id, fields beside changedFields',
      'fields-updated.form',
      {
        // "First name" in the docs' example: names match without regard to case.
        employee: {
          id: '12345',
          workEmail: 'bryony.okafor@example.test',
          firstName: 'Bryony',
          lastName: 'Okafor',
        },
        needsEnrichment: false,
      },
    ],
  ])('is read like its JSON twin when %s', async (_, fixture, mapped) => {
    const body = bamboohrFixture(fixture);
    const { response, changes } = await deliver(body);
    expect(response.statusCode).toBe(202);
    expect(changes).toEqual([
      queued(body, { type: 'employee.updated', occurredAt: RECEIVED_AT, receivedAt: RECEIVED_AT, ...mapped }),
    ]);
  });

  it('is recognised by its shape when the content type is missing or wrong', async () => {
    const body = bamboohrFixture('event-employee-updated.form');
    expect((await deliver(body, 'application/json')).response.statusCode).toBe(202);
    expect((await deliver(body, 'text/plain')).response.statusCode).toBe(202);
  });

  it('is answered 400 naming the field when a form lacks the employee id', async () => {
    const { response } = await deliver('type=employee.updated&data%5BcompanyId%5D=12345');
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toContain('body: data.employeeId ');
  });
});

describe('the form decoder', () => {
  const decode = (text: string) => parseFormBody(Buffer.from(text));

  it('nests bracket keys and keeps list indexes as keys', () => {
    expect(decode('a[b][0]=x&a[b][1]=y&a[c]=z&d=1')).toEqual({
      a: { b: { 0: 'x', 1: 'y' }, c: 'z' },
      d: '1',
    });
  });

  it('appends with []', () => {
    expect(decode('list[]=x&list[]=y')).toEqual({ list: { 0: 'x', 1: 'y' } });
  });

  it('never writes to an object prototype', () => {
    const decoded = decode('__proto__[polluted]=yes&a[constructor][prototype][polluted]=yes&b=1');
    expect(decoded).toEqual({ b: '1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the first value when a key is repeated or nested under a value', () => {
    expect(decode('a=1&a=2&a[b]=3')).toEqual({ a: '1' });
  });
});
