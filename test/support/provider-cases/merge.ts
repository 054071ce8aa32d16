import { MERGE_SIGNATURE_KEY, mergeFixture, mergeHeaders } from '../fake-merge.js';
import type { ProviderCase } from './case.js';

const ACCOUNT = '6f1b7a52-3c1e-4f0a-9d2b-7a9e1c4b5d60'; // linked_account.id of every fixture
const added = mergeFixture('employee-added.json');
const event = JSON.parse(mergeFixture('employee-changed.json'));
const { id: _, ...dataWithoutId } = event.data;

const forAccount = (name: string, id: string) => {
  const json = JSON.parse(mergeFixture(name));
  return JSON.stringify({ ...json, linked_account: { ...json.linked_account, id } });
};

const withEvent = (name: string, data: unknown = {}) => {
  const json = JSON.parse(mergeFixture('linked-account-synced.json'));
  return JSON.stringify({ ...json, hook: { ...json.hook, event: name }, data });
};

// Not Employee added, changed or removed, or not a plain name: acknowledged without reading data.
const OTHER_EVENTS = [
  'LinkedAccount.fully_synced_initial',
  'Issue.created',
  'Team.changed',
  'Group.removed',
  'Employee.synced',
  'Employee',
  'Employee.changed.extra',
  'Employee.constructor',
  'Employee.__proto__',
  'Employee.toString',
];

export const merge: ProviderCase = {
  name: 'merge',
  title: 'Merge',
  secret: MERGE_SIGNATURE_KEY,
  headers: (body) => mergeHeaders(body),
  fixture: mergeFixture,
  tenant: {
    key: 'linkedAccountId',
    other: {
      setting: ACCOUNT,
      body: forAccount('employee-added.json', '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a'),
      detail: 'merge: linked_account.id is not the one configured in providers.merge.linkedAccountId',
      hidden: '9d8c7b6a',
    },
    otherIgnored: { setting: ACCOUNT, body: forAccount('linked-account-synced.json', 'another-account') },
    same: { settings: [['its id', ACCOUNT]], bodies: [added] },
    unpinned: added,
    refused: [
      {
        label: 'an account id in another case (compared exactly)',
        setting: ACCOUNT,
        body: forAccount('employee-added.json', ACCOUNT.toUpperCase()),
      },
      {
        label: 'an account id with whitespace around it (compared exactly)',
        setting: ACCOUNT,
        body: forAccount('employee-added.json', ` ${ACCOUNT}`),
      },
    ],
    accepted: [],
  },
  ignored: {
    rows: [
      {
        label: 'employment-changed.json',
        body: mergeFixture('employment-changed.json'),
        ignored: 'event Employment.changed is not an Employee added, changed or removed',
      },
      {
        label: 'linked-account-synced.json',
        body: mergeFixture('linked-account-synced.json'),
        ignored: 'event LinkedAccount.synced is not an Employee added, changed or removed',
      },
      ...OTHER_EVENTS.map((name) => ({
        label: `${name}, without reading data`,
        body: withEvent(name, 'not an employee'),
      })),
    ],
    hostileName: { body: withEvent('katherine.johnson@example.test <script>'), hidden: 'example.test' },
  },
  invalidBody: {
    notJson: { body: '{"hook": {"event": Employee.changed}}', hidden: 'Employee.changed' },
    notObjects: [JSON.stringify([event]), '42'],
    rows: [
      {
        label: 'naming every missing envelope field',
        bodies: [JSON.stringify({ data: event.data })],
        detail: ['body: hook ', 'body: linked_account '],
      },
      {
        label: 'naming hook.event and linked_account.id when they are missing',
        bodies: [
          JSON.stringify({
            ...event,
            hook: { id: event.hook.id },
            linked_account: { integration: 'BambooHR' },
          }),
        ],
        detail: ['body: hook.event ', 'body: linked_account.id '],
      },
      {
        label: 'naming data.id when an Employee event has none',
        bodies: [JSON.stringify({ ...event, data: dataWithoutId })],
        detail: ['body: data.id '],
      },
      {
        label: 'naming data when an Employee event carries no object',
        bodies: [undefined, null, 'id', []].map((data) => JSON.stringify({ ...event, data })),
        detail: /^body: data /,
      },
      {
        label: 'naming the field when a value has the wrong type, without quoting it',
        bodies: [
          JSON.stringify({ ...event, data: { ...event.data, work_email: 42, remote_was_deleted: 'yes' } }),
        ],
        detail: ['body: data.work_email ', 'body: data.remote_was_deleted '],
        hidden: 'yes',
      },
      {
        label: 'when the employee id is over 128 characters',
        bodies: [JSON.stringify({ ...event, data: { ...event.data, id: '9'.repeat(129) } })],
        detail: ['body: data.id '],
      },
    ],
  },
  settings: {
    defaults: { enabled: false, apiBaseUrl: 'https://api.merge.dev', enrichUnexpanded: true },
    accepted: [
      {
        label: 'a linked account id, another region and enrichUnexpanded false',
        input: {
          enabled: true,
          linkedAccountId: ACCOUNT,
          apiBaseUrl: 'https://api-eu.merge.dev',
          enrichUnexpanded: false,
        },
        parsed: {
          enabled: true,
          linkedAccountId: ACCOUNT,
          apiBaseUrl: 'https://api-eu.merge.dev',
          enrichUnexpanded: false,
        },
        exact: true,
      },
    ],
    refused: [
      { label: 'an empty linked account id', input: { linkedAccountId: '' }, paths: ['linkedAccountId'] },
      { label: 'a base URL that is not one', input: { apiBaseUrl: 'api.merge.dev' }, paths: ['apiBaseUrl'] },
      {
        label: 'an enrichUnexpanded that is not a boolean',
        input: { enrichUnexpanded: 'yes' },
        paths: ['enrichUnexpanded'],
      },
      { label: 'an unknown key', input: { linkedAcountId: 'typo' }, paths: [] },
    ],
  },
};
