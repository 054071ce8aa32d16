import { PERSONIO_TOKEN, personioFixture, personioHeaders } from '../fake-personio.js';
import type { ProviderCase } from './case.js';

const updated = personioFixture('person-updated.json'); // company_id "81725"
const event = JSON.parse(updated);
const documentCreated = personioFixture('document-created.json');
const pinned = { companyId: '81725' };

export const personio: ProviderCase = {
  name: 'personio',
  title: 'Personio',
  secret: PERSONIO_TOKEN,
  // Personio authenticates with a token in Authorization, not a signature over the body.
  headers: () => personioHeaders(),
  fixture: personioFixture,
  tenant: {
    key: 'companyId',
    other: {
      setting: '99999',
      body: updated,
      detail: 'personio: company_id is not the one configured in providers.personio.companyId',
      hidden: '81725',
    },
    otherIgnored: { setting: 1, body: documentCreated },
    same: {
      settings: [
        ['a number', 81725],
        ['a string', '81725'],
      ],
      bodies: [updated, JSON.stringify({ ...event, company_id: 81725 })],
    },
    unpinned: updated,
    refused: [],
    accepted: [],
  },
  ignored: {
    rows: [
      {
        label: 'an event that is not about a person',
        settings: pinned,
        body: documentCreated,
        ignored: "event document.created is not about a person's profile",
      },
      {
        label: 'an employment event without a person reference: an employment id is not a person id',
        settings: pinned,
        body: personioFixture('employment-updated-without-person.json'),
        ignored: 'employment.updated without a person id in payload (person.id, person_id): nothing to read',
      },
    ],
    hostileName: {
      settings: pinned,
      body: JSON.stringify({
        ...JSON.parse(documentCreated),
        event_name: 'margaret.hamilton@example.test <script>',
      }),
      hidden: 'example.test',
    },
  },
  invalidBody: {
    notJson: { body: '{"company_id": "81725", "event_name": person.updated}', hidden: 'person.updated' },
    notObjects: ['[]', '42'],
    rows: [
      {
        label: 'naming every missing envelope field',
        bodies: [JSON.stringify({ meta: {} })],
        detail: ['body: company_id ', 'body: event_name ', 'body: payload '],
      },
      {
        label: 'naming payload when it is not an object',
        bodies: [JSON.stringify({ ...event, payload: ['4471902'] })],
        detail: ['body: payload '],
      },
      {
        label: 'when a person event names no person',
        bodies: [{}, { id: '' }, { id: 'has spaces' }, { id: '9'.repeat(129) }, { id: null }].map((payload) =>
          JSON.stringify({ ...event, payload }),
        ),
        detail: 'body: payload.id is missing or not a person id',
      },
      {
        label: 'when occurred_at is not a date and time, without quoting it',
        bodies: [JSON.stringify({ ...event, occurred_at: '01/02/2026 09:00' })],
        detail: 'body: occurred_at is not an ISO-8601 date and time',
        hidden: '01/02/2026',
      },
      {
        label: 'naming company_id when it is empty',
        bodies: [JSON.stringify({ ...event, company_id: '' })],
        detail: ['body: company_id '],
      },
      {
        label: 'naming event_name when it is not text',
        bodies: [JSON.stringify({ ...event, event_name: 7 })],
        detail: ['body: event_name '],
      },
    ],
  },
  untrusted: {
    body: updated,
    forged: () => personioHeaders('forged-token'),
    forgedType: 'token-invalid',
    forgedDetail: 'personio: authorization does not match the webhook token',
    unsigned: { headers: personioHeaders(null), detail: 'personio: missing header authorization' },
    refused: [],
  },
  accepted: {
    now: Date.parse('2026-02-01T09:00:02.000Z'),
    settings: pinned,
    retry: { body: updated },
    encoded: { body: Buffer.from(JSON.stringify({ ...event, meta: { note: 'Zoë' } })) },
    headerCase: {
      label: 'AUTHORIZATION',
      body: updated,
      headers: [{ AUTHORIZATION: `Bearer ${PERSONIO_TOKEN}` }],
    },
  },
  settings: {
    defaults: { enabled: false, apiBaseUrl: 'https://api.personio.de', orgUnitCacheTtlSeconds: 3_600 },
    accepted: [
      { label: 'a companyId as a number', input: { companyId: 81725 }, parsed: { companyId: 81725 } },
      { label: 'a companyId as a string', input: { companyId: '81725' }, parsed: { companyId: '81725' } },
    ],
    refused: [
      { label: 'an empty companyId', input: { companyId: '' }, paths: ['companyId'] },
      {
        label: 'a base URL that is not one, a negative cache time and an unknown key',
        input: { apiBaseUrl: 'not a url', orgUnitCacheTtlSeconds: -1, extra: true },
        paths: ['apiBaseUrl', 'orgUnitCacheTtlSeconds'],
      },
    ],
  },
};
