import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { findProvider } from '../../../lambda/providers/index.js';
import { webhookHandlerOf } from '../../../lambda/providers/webhook-handlers.js';
import { BAMBOOHR_KEY, bamboohrFixture } from '../fake-bamboohr.js';
import type { Headers, SignatureCase } from './case.js';

const updated = bamboohrFixture('event-employee-updated.json');

// --- X-BambooHR-Signature: hex HMAC-SHA256 of the raw body immediately followed by the timestamp ----

export const NOW = Date.parse('2026-01-31T18:42:03Z');
const SECONDS = String(NOW / 1000 - 3);

/** Independent of the code under test and of the support helper: node:crypto, spelled out here. */
const vector = (payload: string | Buffer, timestamp: string, key: string) =>
  createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(payload), Buffer.from(timestamp)]))
    .digest('hex');

const carrying = (signature: string, timestamp = SECONDS): Headers => ({
  'x-bamboohr-signature': signature,
  'x-bamboohr-timestamp': timestamp,
});
const hex = vector(updated, SECONDS, BAMBOOHR_KEY);

export const signature: SignatureCase = {
  now: NOW,
  body: updated,
  sign: (payload, key) => vector(payload, SECONDS, key),
  carrying,
  other: { body: updated.replace('firstName', 'preferredName → Zoë'), key: 'clé privée ü' },
  wrongKeyMessage: 'bamboohr: x-bamboohr-signature does not match the body and timestamp',
  changedBodies: [updated.replace('67890', '67899')],
  selfChecks: [
    [
      'a fixed vector: hex HMAC-SHA256 of the body followed by the timestamp',
      () => {
        expect(vector('{}', '1769884920', 'key')).toBe(
          createHmac('sha256', Buffer.from('key', 'utf8')).update('{}1769884920').digest('hex'),
        );
        expect(vector('{}', '1769884920', 'key')).toMatch(/^[0-9a-f]{64}$/);
        const timestamp = '1769884920';
        const headers = carrying(vector('{}', timestamp, 'key'), timestamp);
        expect(findProvider('bamboohr')).toBeDefined();
        expect(() =>
          webhookHandlerOf('bamboohr').verify({
            body: Buffer.from('{}'),
            header: (name) => headers[name],
            secret: 'key',
            now: 1769884920_000,
          }),
        ).not.toThrow();
      },
    ],
  ],
  acceptedForms: [
    [
      'upper-case hex, with a sha256= prefix, and with spaces around it',
      [carrying(hex.toUpperCase()), carrying(`sha256=${hex}`), carrying(` ${hex} `, ` ${SECONDS} `)],
    ],
  ],
  refusedForms: [
    ['a timestamp header that is not the one signed', [carrying(hex, String(Number(SECONDS) + 1))]],
    [
      'the body alone, or the timestamp before the body, or a separator',
      [
        carrying(createHmac('sha256', BAMBOOHR_KEY).update(updated).digest('hex')),
        carrying(vector(SECONDS, updated, BAMBOOHR_KEY)),
        carrying(vector(`${updated}.`, SECONDS, BAMBOOHR_KEY)),
      ],
    ],
    [
      'base64 instead of hex',
      [carrying(createHmac('sha256', BAMBOOHR_KEY).update(`${updated}${SECONDS}`).digest('base64'))],
    ],
  ],
  missing: [
    [{ 'x-bamboohr-timestamp': SECONDS }, 'bamboohr: missing header x-bamboohr-signature'],
    [{ 'x-bamboohr-signature': 'ab' }, 'bamboohr: missing header x-bamboohr-timestamp'],
    [carrying('', ''), 'bamboohr: missing header x-bamboohr-signature, x-bamboohr-timestamp'],
  ],
  junk: { signature: 'not hex at all!', hidden: 'not hex' },
  tooLong: 'a'.repeat(10_000),
};
