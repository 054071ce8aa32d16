import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { HIBOB_SECRET, hibobFixture, hibobHeaders, signHiBob } from '../fake-hibob.js';
import type { ProviderCase, SignatureCase } from './case.js';

const updated = hibobFixture('employee-updated.json'); // companyId 636192
const event = JSON.parse(updated);
const temporaryLeave = hibobFixture('employee-temporary-leave.json');

// --- Bob-Signature: base64 HMAC-SHA512 of the raw body ---------------------------------------------

/** Independent of the code under test and of the support helper: node:crypto, spelled out here. */
const vector = (payload: string | Buffer, secret: string) =>
  createHmac('sha512', secret).update(payload).digest('base64');
const carrying = (signature: string) => ({ 'bob-signature': signature });
const standard = vector(updated, HIBOB_SECRET);

const signature: SignatureCase = {
  now: Date.parse('2030-01-01T00:00:00Z'),
  body: updated,
  sign: vector,
  carrying,
  other: {
    body: Buffer.from(updated.replace('work.title', 'root.firstName → Zoë')),
    key: 'another secret with spaces and ü',
  },
  wrongKeyMessage: 'hibob: bob-signature does not match the body',
  changedBodies: [updated.replace('636192', '636193')],
  selfChecks: [
    [
      'a 64-byte HMAC-SHA512 in base64',
      () => {
        expect(Buffer.from(vector(updated, HIBOB_SECRET), 'base64')).toHaveLength(64);
        expect(vector('Ping test', 'key')).toBe(
          createHmac('sha512', Buffer.from('key', 'utf8')).update(Buffer.from('Ping test')).digest('base64'),
        );
      },
    ],
  ],
  acceptedForms: [
    [
      'base64url and without padding, and with whitespace around it',
      [
        carrying(standard.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')),
        carrying(` ${standard} `),
      ],
    ],
  ],
  refusedForms: [
    [
      'the hex digest instead of base64',
      [carrying(createHmac('sha512', HIBOB_SECRET).update(updated).digest('hex'))],
    ],
    ['a SHA-256 HMAC', [carrying(createHmac('sha256', HIBOB_SECRET).update(updated).digest('base64'))]],
  ],
  missing: [
    [{}, 'hibob: missing header bob-signature'],
    [carrying(''), 'hibob: missing header bob-signature'],
  ],
  junk: { signature: 'not base64 at all!', hidden: 'not base64' },
  tooLong: 'A'.repeat(10_000),
};

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
  untrusted: {
    body: updated,
    forged: (body) => hibobHeaders(body, 'a key nobody was given'),
    forgedType: 'signature-invalid',
    forgedDetail: 'hibob: bob-signature does not match the body',
    unsigned: {
      headers: { 'Content-Type': 'application/json' },
      detail: 'hibob: missing header bob-signature',
    },
    refused: [],
  },
  accepted: {
    now: Date.parse('2026-02-01T09:00:03.000Z'),
    settings: { companyId: 636192 },
    retry: { body: updated },
    encoded: { body: Buffer.from(updated.replace('"v2"', '"v2", "note": "Zoë"')) },
    headerCase: { label: 'BOB-SIGNATURE', body: updated, headers: [{ 'BOB-SIGNATURE': signHiBob(updated) }] },
  },
  signature,
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
