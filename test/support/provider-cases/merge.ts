import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { MERGE_SIGNATURE_KEY, mergeFixture, mergeHeaders, signMerge } from '../fake-merge.js';
import type { ProviderCase, SignatureCase } from './case.js';

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

// --- X-Merge-Webhook-Signature: base64url HMAC-SHA256 of the raw body, in four spellings -----------

/** Independent of the code under test and of the support helper: node:crypto, spelled out here. */
const mac = (payload: string | Buffer, key: string) => createHmac('sha256', key).update(payload).digest();

// The fixture with trailing newlines (still the same JSON) until its signature holds both a `+` and a `/`
// and so differs between the alphabets: every form below is then a different string.
const signed = (() => {
  const fixture = mergeFixture('employee-changed.json');
  for (let extra = 0; ; extra++) {
    const candidate = fixture + '\n'.repeat(extra);
    const base64 = mac(candidate, MERGE_SIGNATURE_KEY).toString('base64');
    if (/[+]/.test(base64) && /[/]/.test(base64)) return candidate;
  }
})();
const forms = (payload: string | Buffer, key = MERGE_SIGNATURE_KEY) => {
  const standard = mac(payload, key).toString('base64');
  const url = standard.replace(/\+/g, '-').replace(/\//g, '_');
  return {
    'base64url without padding': url.replace(/=+$/, ''),
    'base64url with padding': url,
    'base64 with padding': standard,
    'base64 without padding': standard.replace(/=+$/, ''),
  };
};
const carrying = (signature: string) => ({ 'x-merge-webhook-signature': signature });

const signature: SignatureCase = {
  now: Date.parse('2030-01-01T00:00:00Z'),
  body: signed,
  sign: (payload, key) => forms(payload, key)['base64url without padding'],
  carrying,
  other: {
    body: Buffer.from(signed.replace('Katherine', 'Zoë')),
    key: 'another key with spaces and ü',
    around: ' ',
  },
  wrongKeyMessage: 'merge: x-merge-webhook-signature does not match the body',
  // One byte is enough.
  changedBodies: [`${signed} `, signed.replace('ACTIVE', 'INACTIVE')],
  selfChecks: [
    [
      'a 32-byte HMAC-SHA256 of the body',
      () => {
        expect(mac(signed, MERGE_SIGNATURE_KEY)).toHaveLength(32);
        // A fixed vector, so the test's own helper cannot drift: HMAC-SHA256("key", "The quick brown fox...").
        expect(mac('The quick brown fox jumps over the lazy dog', 'key').toString('hex')).toBe(
          'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
        );
      },
    ],
    [
      'really different between the four forms for this body (the vectors cover both alphabets)',
      () => expect(new Set(Object.values(forms(signed))).size).toBe(4),
    ],
  ],
  acceptedForms: Object.entries(forms(signed)).map(([form, value]) => [form, [carrying(value)]] as const),
  refusedForms: [
    [
      'the hex digest, or a SHA-512 HMAC',
      [
        carrying(mac(signed, MERGE_SIGNATURE_KEY).toString('hex')),
        carrying(createHmac('sha512', MERGE_SIGNATURE_KEY).update(signed).digest('base64url')),
      ],
    ],
    ['cut short', [carrying(forms(signed)['base64 with padding'].slice(0, 40))]],
    ['signed with an empty key', [carrying(forms(signed, '')['base64 with padding'])]],
  ],
  missing: [
    [{}, 'merge: missing header x-merge-webhook-signature'],
    [carrying('  '), 'merge: missing header x-merge-webhook-signature'],
  ],
  junk: {
    signature: 'sha256=not base64 at all!',
    hidden: 'not base64 at all',
    message: 'merge: x-merge-webhook-signature is not a base64 HMAC-SHA256',
  },
  tooLong: 'A'.repeat(10_000),
};

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
  untrusted: {
    body: signed,
    forged: (body) => mergeHeaders(body, 'a key nobody was given'),
    forgedType: 'signature-invalid',
    forgedDetail: 'merge: x-merge-webhook-signature does not match the body',
    unsigned: {
      headers: { 'Content-Type': 'application/json' },
      detail: 'merge: missing header x-merge-webhook-signature',
    },
    refused: [],
  },
  accepted: {
    now: Date.parse('2026-02-06T10:00:00.000Z'),
    settings: { linkedAccountId: ACCOUNT },
    retry: { body: mergeFixture('employee-changed.json') },
    encoded: {
      body: Buffer.from(mergeFixture('employee-changed.json').replace('"Kathy"', '"Zoë"')),
      queued: { employee: { preferredName: 'Zoë' } },
    },
    headerCase: {
      label: 'X-MERGE-WEBHOOK-SIGNATURE, in any base64 form',
      body: mergeFixture('employee-changed.json'),
      headers: (['base64', 'base64-unpadded', 'base64url', 'base64url-padded'] as const).map((form) => ({
        'X-MERGE-WEBHOOK-SIGNATURE': signMerge(
          mergeFixture('employee-changed.json'),
          MERGE_SIGNATURE_KEY,
          form,
        ),
      })),
    },
  },
  signature,
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
