import { BAMBOOHR_KEY, bamboohrFixture, bamboohrHeaders } from '../fake-bamboohr.js';
import { NOW, signature } from './bamboohr-signature.js';
import type { Headers, ProviderCase } from './case.js';

const updated = bamboohrFixture('event-employee-updated.json'); // companyId "12345"
const event = JSON.parse(updated);
const fieldBased = JSON.parse(bamboohrFixture('fields-updated.json'));
const pinned = { companyId: '12345' };

const withoutCompany = JSON.parse(updated);
delete withoutCompany.data.companyId;

const noKnownAction = JSON.parse(bamboohrFixture('fields-terminated.json'));
noKnownAction.employees[0].action = 'Archived';

const [firstEmployee, secondEmployee] = fieldBased.employees;
const { id: _, ...secondWithoutId } = secondEmployee;

/** Signed with an ISO-8601 timestamp (BambooHR writes its times so), the header names in other cases. */
function isoSigned(body: string): Headers {
  const signed = bamboohrHeaders(body, { timestamp: '2026-01-31T18:42:01+0000' });
  return {
    'x-bamboohr-signature': signed['X-BambooHR-Signature'] ?? '',
    'X-BAMBOOHR-TIMESTAMP': signed['X-BambooHR-Timestamp'] ?? '',
  };
}

export const bamboohr: ProviderCase = {
  name: 'bamboohr',
  title: 'BambooHR',
  secret: BAMBOOHR_KEY,
  headers: (body) => bamboohrHeaders(body),
  fixture: bamboohrFixture,
  tenant: {
    key: 'companyId',
    other: {
      setting: '99999',
      body: updated,
      detail: 'bamboohr: data.companyId is not the one configured in providers.bamboohr.companyId',
      hidden: '12345',
    },
    otherIgnored: { setting: '99999', body: JSON.stringify({ ...event, type: 'timeOff.requested' }) },
    same: {
      settings: [
        ['a number', 12345],
        ['a string', '12345'],
      ],
      bodies: [updated, JSON.stringify({ ...event, data: { companyId: 12345, employeeId: '1' } })],
    },
    unpinned: updated,
    refused: [
      {
        label: 'an event with no companyId when one is configured',
        setting: '12345',
        body: JSON.stringify(withoutCompany),
        detail: 'bamboohr: data.companyId is missing and providers.bamboohr.companyId requires one',
      },
    ],
    accepted: [
      {
        label: 'a field-based delivery, which names no company (the URL and key route it)',
        setting: '12345',
        body: bamboohrFixture('fields-updated.json'),
      },
    ],
  },
  ignored: {
    rows: [
      {
        // Invented type: BambooHR documents employee events only; anything else it may add is dropped.
        label: 'an event type that is not about an employee',
        settings: pinned,
        body: JSON.stringify({
          type: 'timeOff.requested',
          timestamp: '2026-01-31T18:42:00+0000',
          data: { companyId: '12345', requestId: '88' },
        }),
        ignored: 'event type timeOff.requested is not about an employee',
      },
      {
        label: 'an event type it does not know, even without data, when no company is set',
        body: JSON.stringify({ type: 'webhook.test', timestamp: '2026-01-31T18:42:00+0000' }),
      },
      {
        label: 'a field-based delivery with no employees',
        settings: pinned,
        body: '{"employees":[]}',
        ignored: 'field-based delivery with no employees',
      },
      {
        label: 'a field-based delivery where no employee has an action it knows',
        settings: pinned,
        body: JSON.stringify(noKnownAction),
        ignored: 'field-based delivery with no created, updated or deleted employee (action Archived)',
      },
    ],
    hostileName: {
      settings: pinned,
      body: JSON.stringify({ type: '<script>alert(1)</script>', data: { companyId: '12345' } }),
      hidden: 'script',
    },
  },
  invalidBody: {
    notJson: { body: '{"type": employee.updated, "data": {}}', hidden: 'employee.updated' },
    notObjects: ['[]', '42'],
    rows: [
      {
        label: 'naming data.employeeId when it is missing',
        bodies: [JSON.stringify({ ...event, data: { companyId: '12345' } })],
        detail: ['body: data.employeeId '],
      },
      {
        label: 'naming the missing event type',
        bodies: [JSON.stringify({ timestamp: event.timestamp, data: event.data })],
        detail: /^body: type /,
      },
      {
        label: 'naming data when an employee event has none',
        bodies: [JSON.stringify({ type: 'employee.updated', timestamp: event.timestamp })],
        detail: /^body: data /,
      },
      {
        label: 'when the timestamp is not a time, without quoting it',
        bodies: [JSON.stringify({ ...event, timestamp: 'last Tuesday' })],
        detail: 'body: timestamp is neither ISO-8601 nor unix seconds',
      },
      {
        label: 'when the employee id is over 128 characters or empty',
        bodies: ['9'.repeat(129), '  '].map((employeeId) =>
          JSON.stringify({ ...event, data: { companyId: '12345', employeeId } }),
        ),
        detail: ['body: data.employeeId '],
      },
      {
        label: 'naming the employee whose id is missing in a field-based delivery',
        bodies: [JSON.stringify({ employees: [firstEmployee, secondWithoutId] })],
        detail: 'body: employees[1].id is missing (no id, no key)',
      },
      {
        label: 'naming the field-based employee with a bad timestamp',
        bodies: [JSON.stringify({ employees: [{ ...firstEmployee, timestamp: 'soon' }] })],
        detail: 'body: employees[0].timestamp is neither ISO-8601 nor unix seconds',
      },
      {
        label: 'when employees is neither a list nor keyed by id',
        bodies: [JSON.stringify({ employees: 'all of them' })],
        detail: 'body: employees is not a list of employees',
      },
      {
        label: 'when a field-based employee is not an object',
        bodies: [JSON.stringify({ employees: ['12345'] })],
        detail: /^body: employees\[0\] /,
      },
    ],
  },
  untrusted: {
    now: NOW,
    body: updated,
    forged: (body) => bamboohrHeaders(body, { key: 'a key nobody was given' }),
    forgedType: 'signature-invalid',
    forgedDetail: 'bamboohr: x-bamboohr-signature does not match the body and timestamp',
    unsigned: {
      headers: { 'Content-Type': 'application/json' },
      detail: 'bamboohr: missing header x-bamboohr-signature, x-bamboohr-timestamp',
    },
    refused: [
      {
        label: 'it was sent more than 5 minutes ago (a replay)',
        headers: () => bamboohrHeaders(updated, { timestamp: String(Math.floor(NOW / 1000) - 301) }),
        detail: 'bamboohr: x-bamboohr-timestamp is more than 5 minutes old',
      },
    ],
  },
  accepted: {
    now: NOW,
    settings: pinned,
    retry: {
      body: updated,
      headers: [
        bamboohrHeaders(updated, { timestamp: String(NOW / 1000 - 60) }),
        bamboohrHeaders(updated, { timestamp: String(NOW / 1000) }),
      ],
    },
    encoded: { body: Buffer.from(updated.replace('"firstName"', '"firstName", "Zoë"')) },
    headerCase: {
      label: 'x-bamboohr-signature and X-BAMBOOHR-TIMESTAMP, with an ISO timestamp',
      body: updated,
      headers: [isoSigned(updated)],
    },
  },
  signature,
  settings: {
    defaults: {
      enabled: false,
      apiBaseUrl: 'https://api.bamboohr.com',
      fieldMap: {
        workEmail: 'Work Email',
        firstName: 'First Name',
        lastName: 'Last Name',
        preferredName: 'Preferred Name',
        jobTitle: 'Job Title',
        department: 'Department',
        status: 'Status',
        employmentStatus: 'Employment Status',
        terminationDate: 'Termination Date',
      },
    },
    accepted: [
      { label: 'a companyId as a number', input: { companyId: 12345 }, parsed: { companyId: 12345 } },
      { label: 'a companyId as a string', input: { companyId: '12345' }, parsed: { companyId: '12345' } },
      {
        label: 'a fieldMap naming some fields, keeping the default name of every field it leaves out',
        input: { fieldMap: { workEmail: 'email' } },
        parsed: { fieldMap: { workEmail: 'email', firstName: 'First Name' } },
      },
    ],
    refused: [
      { label: 'an empty companyId', input: { companyId: '' }, paths: ['companyId'] },
      {
        label: 'a base URL that is not one, an empty field name and an unknown field',
        input: { apiBaseUrl: 'not a url', fieldMap: { jobTitle: '', nickname: 'x' } },
        paths: ['apiBaseUrl', 'fieldMap.jobTitle', 'fieldMap'],
      },
    ],
  },
};
