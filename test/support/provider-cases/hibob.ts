import { HIBOB_SECRET, hibobFixture, hibobHeaders } from '../fake-hibob.js';
import type { ProviderCase } from './case.js';

const updated = hibobFixture('employee-updated.json'); // companyId 636192
const event = JSON.parse(updated);
const temporaryLeave = hibobFixture('employee-temporary-leave.json');

export const hibob: ProviderCase = {
  name: 'hibob',
  title: 'HiBob',
  secret: HIBOB_SECRET,
  headers: (body) => hibobHeaders(body),
  fixture: hibobFixture,
  tenant: {
    key: 'companyId',
    other: {
      setting: 999999,
      body: updated,
      detail: 'hibob: companyId is not the one configured in providers.hibob.companyId',
      hidden: '636192',
    },
    otherIgnored: { setting: '1', body: temporaryLeave },
    same: {
      settings: [
        ['a number', 636192],
        ['a string', '636192'],
      ],
      bodies: [updated, JSON.stringify({ ...event, companyId: '636192' })],
    },
    unpinned: updated,
    refused: [],
    accepted: [],
  },
  ignored: {
    rows: [
      {
        label: 'an event type that is not about the profile',
        body: temporaryLeave,
        ignored: "event type employee.temporaryLeave is not about an employee's profile",
      },
      {
        label: 'a table entry of a table not configured',
        body: hibobFixture('table-entry-custom.json'),
        ignored: 'table entry event for a table not listed in providers.hibob.tables',
      },
    ],
    hostileName: {
      body: JSON.stringify({ ...JSON.parse(temporaryLeave), type: 'x <script>alert(1)</script>' }),
      hidden: 'script',
    },
  },
  invalidBody: {
    notJson: { body: '{"companyId": 636192, "type": employee.updated}', hidden: 'employee.updated' },
    notObjects: ['[]', '42'],
    rows: [
      {
        label: 'naming data.employeeId when it is missing',
        bodies: [JSON.stringify({ ...event, data: { fieldUpdates: [] } })],
        detail: ['body: data.employeeId '],
      },
      {
        label: 'naming every missing envelope field',
        bodies: [JSON.stringify({ version: 'v2', data: { employeeId: '1' } })],
        detail: ['body: companyId ', 'body: type ', 'body: triggeredAt '],
      },
      {
        label: 'when triggeredAt is not a date and time, without quoting it',
        bodies: [JSON.stringify({ ...event, triggeredAt: '08/01/2026 13:06' })],
        detail: 'body: triggeredAt is not an ISO-8601 date and time',
      },
      {
        label: 'when the employee id is over 128 characters',
        bodies: [JSON.stringify({ ...event, data: { employeeId: '9'.repeat(129) } })],
        detail: ['body: data.employeeId '],
      },
      {
        label: 'with a hint when it is a webhooks v1 body',
        bodies: [
          JSON.stringify({
            companyId: 636192,
            type: 'employee.updated',
            version: 'v1',
            data: { employee: {} },
          }),
        ],
        detail: 'body: version is not v2; only HiBob webhooks v2 are supported',
      },
    ],
  },
  settings: {
    defaults: {
      enabled: false,
      apiBaseUrl: 'https://api.hibob.com',
      tables: ['work', 'employment'],
      humanReadable: 'REPLACE',
      modificationTimeFields: ['root.modificationDate', 'root.modificationDateTime'],
      staleReadWindowSeconds: 120,
      staleReadSettleSeconds: 30,
      staleReadToleranceSeconds: 5,
    },
    accepted: [
      { label: 'a companyId as a number', input: { companyId: 636192 }, parsed: { companyId: 636192 } },
      { label: 'a companyId as a string', input: { companyId: '636192' }, parsed: { companyId: '636192' } },
    ],
    refused: [
      { label: 'an empty companyId', input: { companyId: '' }, paths: ['companyId'] },
      {
        label: 'an unknown humanReadable mode, a negative window and an unknown key',
        input: { humanReadable: 'YES', staleReadWindowSeconds: -1, extra: true },
        paths: ['humanReadable', 'staleReadWindowSeconds'],
      },
    ],
  },
};
