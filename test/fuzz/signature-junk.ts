import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import fc from 'fast-check';
import { BAMBOOHR_KEY } from '../support/fake-bamboohr.js';
import { HIBOB_SECRET } from '../support/fake-hibob.js';
import { MERGE_SIGNATURE_KEY } from '../support/fake-merge.js';
import { PERSONIO_TOKEN } from '../support/fake-personio.js';
import type { ProviderName } from './deliveries.js';

/**
 * Junk around a correct signature: the edits a proxy, a sloppy sender or an attacker probing a lenient
 * parser would make to the header that carries it (or to the signed id and timestamp beside it).
 */
export type Junk =
  | { op: 'none' }
  | { op: 'prefix'; text: string }
  | { op: 'suffix'; text: string }
  | { op: 'pad'; left: string; right: string }
  | { op: 'inner-space'; at: number; space: string }
  | { op: 'case'; mask: boolean[] }
  | { op: 'truncate'; cut: number }
  | { op: 'repeat'; separator: string }
  | { op: 'version'; version: string }
  | { op: 'other-entry'; entry: string; before: boolean };

const JUNK_TEXT = fc.oneof(
  fc.constantFrom(
    '!!',
    ',x',
    ',',
    '=',
    '==',
    ' ',
    '\t',
    'v1,',
    'sha256=',
    'sha512=',
    'Bearer ',
    'A',
    '%',
    '\u00a0',
  ),
  fc.string({ maxLength: 8 }),
);
const SPACES = fc.constantFrom('', ' ', '  ', '\t', ' \t ');

export const junk: fc.Arbitrary<Junk> = fc.oneof(
  fc.constant<Junk>({ op: 'none' }),
  fc.record({ op: fc.constant('prefix' as const), text: JUNK_TEXT }),
  fc.record({ op: fc.constant('suffix' as const), text: JUNK_TEXT }),
  fc.record({ op: fc.constant('pad' as const), left: SPACES, right: SPACES }),
  fc.record({
    op: fc.constant('inner-space' as const),
    at: fc.nat(),
    space: fc.constantFrom(' ', '\t', '\n'),
  }),
  fc.record({
    op: fc.constant('case' as const),
    mask: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  }),
  fc.record({ op: fc.constant('truncate' as const), cut: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('repeat' as const), separator: fc.constantFrom(' ', ',', ', ', '') }),
  fc.record({
    op: fc.constant('version' as const),
    version: fc.constantFrom('v2', 'v1a', 'V1', 'v0', 'v1 ', ' v1', 'v1,', 'v11', ''),
  }),
  fc.record({
    op: fc.constant('other-entry' as const),
    entry: fc.constantFrom(
      'v1a,AAAA',
      'v2,c2lnbmF0dXJl',
      'v1,',
      'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      'x',
    ),
    before: fc.boolean(),
  }),
);

/** `value` with `junk` applied; for Standard Webhooks the version edits touch the `v1,` prefix. */
export function applyJunk(value: string, edit: Junk): string {
  switch (edit.op) {
    case 'none':
      return value;
    case 'prefix':
      return `${edit.text}${value}`;
    case 'suffix':
      return `${value}${edit.text}`;
    case 'pad':
      return `${edit.left}${value}${edit.right}`;
    case 'inner-space': {
      const at = 1 + (edit.at % Math.max(1, value.length - 1));
      return `${value.slice(0, at)}${edit.space}${value.slice(at)}`;
    }
    case 'case':
      return [...value].map((char, i) => (edit.mask[i % edit.mask.length] ? swapCase(char) : char)).join('');
    case 'truncate':
      return value.slice(0, Math.max(0, value.length - edit.cut));
    case 'repeat':
      return `${value}${edit.separator}${value}`;
    case 'version':
      return value.startsWith('v1,') ? `${edit.version},${value.slice(3)}` : `${edit.version},${value}`;
    case 'other-entry':
      return edit.before ? `${edit.entry} ${value}` : `${value} ${edit.entry}`;
  }
}

const swapCase = (char: string) => (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase());

/** A header as the receiver reads it: case-insensitive, multi-value copies joined, single-value map winning. */
export function headerSeen(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  let seen: string | undefined;
  for (const [key, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (key.toLowerCase() === wanted && values?.length) seen = values.join(', ');
  }
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) seen = value;
  }
  return seen;
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const hmac = (algorithm: string, key: string, body: Buffer) =>
  createHmac(algorithm, Buffer.from(key, 'utf8')).update(body).digest();
const decodesTo = (value: string | undefined, max: number, mac: Buffer) =>
  value !== undefined &&
  value.length <= max &&
  BASE64.test(value) &&
  Buffer.from(value, 'base64').equals(mac);

/**
 * Whether a delivery of `body`, signed with `signed` and then carrying what `seen` reads, still holds a
 * valid signature under each provider's scheme:
 * - Standard Webhooks: the same `webhook-id` and `webhook-timestamp` strings, and one space-separated
 *   entry of `webhook-signature` that is exactly `v1,` and the canonical base64 of the MAC
 *   (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md);
 * - BambooHR: the timestamp and the hex MAC, each trimmed, hex in either case, `sha256=` allowed;
 * - Merge and HiBob: the trimmed value decodes as base64 or base64url, padded or not, to the MAC;
 * - Personio: the token itself once trimmed and rid of one `Bearer ` prefix (any case).
 */
export function stillSigned(
  provider: ProviderName,
  body: Buffer,
  signed: Record<string, string>,
  seen: (name: string) => string | undefined,
): boolean {
  switch (provider) {
    case 'standard': {
      const entries = seen('webhook-signature')?.split(' ') ?? [];
      return (
        seen('webhook-id') === signed['webhook-id'] &&
        seen('webhook-timestamp') === signed['webhook-timestamp'] &&
        entries.includes(signed['webhook-signature'] ?? '')
      );
    }
    case 'bamboohr': {
      const timestamp = signed['X-BambooHR-Timestamp'] ?? '';
      const hex = hmac('sha256', BAMBOOHR_KEY, Buffer.concat([body, Buffer.from(timestamp)])).toString('hex');
      const given = seen('x-bamboohr-signature')
        ?.trim()
        .replace(/^sha256=/i, '')
        .toLowerCase();
      return seen('x-bamboohr-timestamp')?.trim() === timestamp && given === hex;
    }
    case 'merge':
      return decodesTo(
        seen('x-merge-webhook-signature')?.trim(),
        128,
        hmac('sha256', MERGE_SIGNATURE_KEY, body),
      );
    case 'hibob':
      return decodesTo(seen('bob-signature')?.trim(), 256, hmac('sha512', HIBOB_SECRET, body));
    case 'personio': {
      const given = seen('authorization');
      return given !== undefined && given.trim().replace(/^bearer\s+/i, '') === PERSONIO_TOKEN;
    }
  }
}
