import { readdirSync, readFileSync } from 'node:fs';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import fc from 'fast-check';
import { BAMBOOHR_KEY, signBambooHr } from '../support/fake-bamboohr.js';
import { HIBOB_SECRET, signHiBob } from '../support/fake-hibob.js';
import { MERGE_SIGNATURE_KEY, type SignatureForm, signMerge } from '../support/fake-merge.js';
import { PERSONIO_TOKEN } from '../support/fake-personio.js';
import { apiGatewayEvent, signStandard, TEST_SECRET } from '../support/standard-webhook.js';

// Fixed by default so that a CI failure can be replayed; FUZZ_SEED / FUZZ_RUNS override.
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_129);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
// Forged and valid deliveries each take a fifth of the main run: they walk fewer branches.
export const FOCUSED_RUNS = Math.max(100, Math.floor(FUZZ_RUNS / 5));
export const fuzzParameters = (numRuns: number) => ({ seed: FUZZ_SEED, numRuns, timeout: 10_000 });

/** The Contract's limit on the decoded body (`MAX_BODY_BYTES` in lambda/service/receive.ts). */
export const LIMIT = 256 * 1024;

export type ProviderName = 'standard' | 'bamboohr' | 'merge' | 'hibob' | 'personio';

export interface Fixture {
  name: string;
  text: string;
  contentType: string;
}

/** How one provider's deliveries are signed, forged and varied, computed independently of lambda/. */
export interface ProviderSpec {
  name: ProviderName;
  secret: string;
  /** Header names that carry the signature (and its timestamp), for garbage and duplicates. */
  signatureHeaders: string[];
  /** False for Personio: its token does not cover the body, so a changed body is no forgery. */
  signsBody: boolean;
  /** Correct headers for `body` under `key`, in one of the forms the sender may use (`variant`). */
  sign(body: Buffer, key: string, variant: number): Record<string, string>;
  /** Headers shaped like a valid signature of `body` whose decoded value differs from it. */
  tamper(body: Buffer, variant: number): Record<string, string>;
  /** A correct signature outside the replay window (only providers that sign a timestamp). */
  stale?(body: Buffer, offsetSeconds: number): Record<string, string>;
  /** A key (or token) that is not the configured one. */
  wrongKey: fc.Arbitrary<string>;
  /** Sets the employee id of a valid fixture body, when the fixture has one where this can. */
  setEmployeeId(json: unknown, id: string): boolean;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** One byte of a signature flipped, re-encoded the same way, so the decoded value surely differs. */
function flipByte(encoded: string, encoding: BufferEncoding, variant: number): string {
  const bytes = Buffer.from(encoded, encoding);
  const at = variant % bytes.length;
  bytes[at] = (bytes[at] ?? 0) ^ (1 + (variant % 255));
  const text = bytes.toString(encoding);
  // Keep the sender's padding choice: Node writes padded base64 but unpadded base64url.
  return encoding === 'base64' && !encoded.endsWith('=') ? text.replace(/=+$/, '') : text;
}

const MERGE_FORMS: SignatureForm[] = ['base64url', 'base64url-padded', 'base64', 'base64-unpadded'];

const standard: ProviderSpec = {
  name: 'standard',
  secret: TEST_SECRET,
  signatureHeaders: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  signsBody: true,
  sign: (body, key, variant) => standardHeaders(body, key, `msg_fuzz_${variant}`, nowSeconds()),
  tamper(body, variant) {
    const headers = standardHeaders(body, TEST_SECRET, `msg_fuzz_${variant}`, nowSeconds());
    const mac = (headers['webhook-signature'] ?? '').slice('v1,'.length);
    return { ...headers, 'webhook-signature': `v1,${flipByte(mac, 'base64', variant)}` };
  },
  stale: (body, offset) => standardHeaders(body, TEST_SECRET, 'msg_fuzz_stale', nowSeconds() + offset),
  wrongKey: fc
    .uint8Array({ minLength: 24, maxLength: 32 })
    .map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`)
    .filter((key) => key !== TEST_SECRET),
  setEmployeeId(json, id) {
    const items = Array.isArray(json) ? json : [json];
    for (const item of items) item.employee.id = id;
    return true;
  },
};

function standardHeaders(body: Buffer, key: string, id: string, timestamp: number) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signStandard(key, id, timestamp, body),
  };
}

const bamboohr: ProviderSpec = {
  name: 'bamboohr',
  secret: BAMBOOHR_KEY,
  signatureHeaders: ['X-BambooHR-Timestamp', 'X-BambooHR-Signature'],
  signsBody: true,
  sign(body, key, variant) {
    // Unix seconds or ISO-8601; lowercase hex as documented, upper case and `sha256=` tolerated.
    const timestamp = variant % 2 ? new Date().toISOString() : String(nowSeconds());
    const hex = signBambooHr(body, timestamp, key);
    const signature = [hex, hex.toUpperCase(), `sha256=${hex}`][variant % 3] ?? hex;
    return { 'X-BambooHR-Timestamp': timestamp, 'X-BambooHR-Signature': signature };
  },
  tamper(body, variant) {
    const headers = bamboohr.sign(body, BAMBOOHR_KEY, 0);
    const hex = headers['X-BambooHR-Signature'] ?? '';
    return { ...headers, 'X-BambooHR-Signature': flipByte(hex, 'hex', variant) };
  },
  stale(body, offset) {
    const timestamp = String(nowSeconds() + offset);
    return { 'X-BambooHR-Timestamp': timestamp, 'X-BambooHR-Signature': signBambooHr(body, timestamp) };
  },
  wrongKey: fc.string({ minLength: 1, maxLength: 40 }).filter((key) => key !== BAMBOOHR_KEY),
  setEmployeeId(json, id) {
    const event = json as { data?: { employeeId?: unknown }; employees?: { id?: unknown }[] };
    if (event.data?.employeeId !== undefined) event.data.employeeId = id;
    else for (const employee of event.employees ?? []) employee.id = id;
    return true;
  },
};

const merge: ProviderSpec = {
  name: 'merge',
  secret: MERGE_SIGNATURE_KEY,
  signatureHeaders: ['X-Merge-Webhook-Signature'],
  signsBody: true,
  sign: (body, key, variant) => ({
    'X-Merge-Webhook-Signature': signMerge(body, key, MERGE_FORMS[variant % MERGE_FORMS.length]),
  }),
  tamper: (body, variant) => ({
    'X-Merge-Webhook-Signature': flipByte(signMerge(body, MERGE_SIGNATURE_KEY, 'base64'), 'base64', variant),
  }),
  wrongKey: fc.string({ minLength: 1, maxLength: 40 }).filter((key) => key !== MERGE_SIGNATURE_KEY),
  // Merge's employee id is `data.id` of the common model, a UUID; the fixtures' ids are kept.
  setEmployeeId: () => false,
};

const hibob: ProviderSpec = {
  name: 'hibob',
  secret: HIBOB_SECRET,
  signatureHeaders: ['Bob-Signature'],
  signsBody: true,
  sign(body, key, variant) {
    const mac = signHiBob(body, key);
    const forms = [mac, mac.replace(/=+$/, ''), Buffer.from(mac, 'base64').toString('base64url')];
    return { 'Bob-Signature': forms[variant % forms.length] ?? mac };
  },
  tamper: (body, variant) => ({ 'Bob-Signature': flipByte(signHiBob(body), 'base64', variant) }),
  wrongKey: fc.string({ minLength: 1, maxLength: 40 }).filter((key) => key !== HIBOB_SECRET),
  setEmployeeId(json, id) {
    (json as { data: { employeeId: unknown } }).data.employeeId = id;
    return true;
  },
};

const personio: ProviderSpec = {
  name: 'personio',
  secret: PERSONIO_TOKEN,
  signatureHeaders: ['Authorization'],
  signsBody: false,
  // The token verbatim, or with `Bearer ` and stray whitespace, all of which the receiver takes.
  sign: (_body, key, variant) => ({
    Authorization: [key, `Bearer ${key}`, ` ${key} `, `bearer  ${key}`][variant % 4] ?? key,
  }),
  tamper(_body, variant) {
    const at = variant % PERSONIO_TOKEN.length;
    const original = PERSONIO_TOKEN[at];
    const replacement = 'aZ0'.split('').find((char) => char !== original) ?? 'x';
    const token = `${PERSONIO_TOKEN.slice(0, at)}${replacement}${PERSONIO_TOKEN.slice(at + 1)}`;
    return { Authorization: variant % 2 ? `Bearer ${token}` : token };
  },
  wrongKey: fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((key) => key.trim().replace(/^bearer\s+/i, '') !== PERSONIO_TOKEN),
  setEmployeeId(json, id) {
    const event = json as { event_name: string; payload: Record<string, unknown> };
    if (!event.event_name.startsWith('person.')) return false;
    event.payload.id = id;
    return true;
  },
};

export const SPECS: Record<ProviderName, ProviderSpec> = { standard, bamboohr, merge, hibob, personio };

/** Every provider switched on, no tenant pinned: the most bodies reach the parser. */
export const FUZZ_CONFIG = {
  providers: Object.fromEntries(Object.keys(SPECS).map((name) => [name, { enabled: true }])),
};
export const FUZZ_SECRETS = Object.fromEntries(Object.values(SPECS).map((spec) => [spec.name, spec.secret]));

// --- Fixtures -----------------------------------------------------------------------------------------

const FIXTURES = new URL('../fixtures/', import.meta.url);
// Documented as a 400 (an invalid work email): not a valid delivery.
const NOT_VALID = new Set(['standard/invalid-email.json']);

export function fixturesOf(provider: ProviderName): Fixture[] {
  return readdirSync(new URL(`${provider}/`, FIXTURES))
    .filter((name) => name.endsWith('.json') || name.endsWith('.form'))
    .map((name) => ({
      name,
      text: readFileSync(new URL(`${provider}/${name}`, FIXTURES), 'utf8'),
      contentType: name.endsWith('.form') ? 'application/x-www-form-urlencoded' : 'application/json',
    }));
}

export const validFixturesOf = (provider: ProviderName) =>
  fixturesOf(provider).filter((fixture) => !NOT_VALID.has(`${provider}/${fixture.name}`));

// --- Bodies -------------------------------------------------------------------------------------------

/** The paths of every value in a JSON document, root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
}

type JsonContainer = Record<string | number, unknown>;

/** A fixture with one value replaced, removed, wrapped or retyped somewhere in it. */
function mutateJson(text: string, pick: number, op: string, value: unknown): string {
  const json = JSON.parse(text) as unknown;
  const paths = pathsOf(json);
  const path = paths[pick % paths.length];
  if (!path) return JSON.stringify(value);
  let parent = json as JsonContainer;
  for (const key of path.slice(0, -1)) parent = parent[key] as JsonContainer;
  const key = path[path.length - 1] as string | number;
  switch (op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case 'wrap':
      parent[key] = [parent[key]];
      break;
    case 'stringify':
      parent[key] = JSON.stringify(parent[key]);
      break;
    case 'proto':
      parent[key] = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}');
      break;
    default:
      parent[key] = value;
  }
  return JSON.stringify(json);
}

/** Byte edits: flips, deletions, insertions, a truncation. */
function mutateBytes(bytes: Buffer, edits: { at: number; op: number; byte: number }[]): Buffer {
  let out = Buffer.from(bytes);
  for (const { at, op, byte } of edits) {
    const index = out.length ? at % out.length : 0;
    if (op === 0) out[index] = byte;
    else if (op === 1) out = Buffer.concat([out.subarray(0, index), out.subarray(index + 1)]);
    else if (op === 2) out = Buffer.concat([out.subarray(0, index), Buffer.of(byte), out.subarray(index)]);
    else out = out.subarray(0, index);
  }
  return out;
}

// Sequences no UTF-8 decoder accepts: a stray continuation, a lone lead, an overlong `/`, a surrogate,
// a code point above U+10FFFF, bytes never used.
const INVALID_UTF8 = [
  [0x80],
  [0xc3],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xff],
  [0xfe],
];

const HOSTILE = [
  '',
  ' ',
  'null',
  '0',
  '"Ping test"',
  'Ping test',
  '{"text":"Ping test"}',
  '{"text":"Ping test","x":1}',
  '[]',
  '{}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `{"a":${'9'.repeat(5_000)}}`,
  '\u0000\u0000',
  '\ufeff{}',
  'type=employee.updated&data[employeeId]=1&data[__proto__][x]=1',
  `employees${'[a]'.repeat(50)}=1`,
  '%zz%&&==',
];

export interface Body {
  /** What the handler decodes the event's body into. */
  bytes: Buffer;
  /** What a correct signature covers; differs from `bytes` when the encoding lies. */
  signed: Buffer;
  eventBody: string | null;
  isBase64Encoded: boolean;
  contentType: string;
}

type RawBody = { bytes: Buffer; contentType?: string };

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  '',
  'multipart/form-data; boundary=x',
];

/** Random and hostile bodies for one provider, each sent in some encoding, honest or not. */
export function hostileBody(fixtures: Fixture[]): fc.Arbitrary<Body> {
  const fixture = fc.constantFrom(...fixtures);
  const raw: fc.Arbitrary<RawBody> = fc.oneof(
    { weight: 12, arbitrary: fc.uint8Array({ maxLength: 1_024 }).map((b) => ({ bytes: Buffer.from(b) })) },
    { weight: 12, arbitrary: fc.json({ maxDepth: 4 }).map((text) => ({ bytes: Buffer.from(text) })) },
    {
      weight: 8,
      arbitrary: fc.string({ unit: 'binary', maxLength: 512 }).map((text) => ({ bytes: Buffer.from(text) })),
    },
    { weight: 6, arbitrary: fc.constantFrom(...HOSTILE).map((text) => ({ bytes: Buffer.from(text) })) },
    {
      weight: 10,
      arbitrary: fixture.map((f) => ({ bytes: Buffer.from(f.text), contentType: f.contentType })),
    },
    {
      weight: 25,
      arbitrary: fc
        .tuple(
          fixture,
          fc.nat(),
          fc.constantFrom('set', 'set', 'set', 'delete', 'wrap', 'stringify', 'proto'),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map(([f, pick, op, value]) => ({
          bytes: Buffer.from(f.name.endsWith('.json') ? mutateJson(f.text, pick, op, value) : f.text),
          contentType: f.contentType,
        })),
    },
    {
      weight: 15,
      arbitrary: fc
        .tuple(
          fixture,
          fc.array(fc.record({ at: fc.nat(), op: fc.nat({ max: 3 }), byte: fc.nat({ max: 255 }) }), {
            minLength: 1,
            maxLength: 4,
          }),
        )
        .map(([f, edits]) => ({
          bytes: mutateBytes(Buffer.from(f.text), edits),
          contentType: f.contentType,
        })),
    },
    {
      weight: 10,
      arbitrary: fc.tuple(fixture, fc.nat(), fc.constantFrom(...INVALID_UTF8)).map(([f, at, bad]) => {
        const bytes = Buffer.from(f.text);
        const index = at % (bytes.length + 1);
        return {
          bytes: Buffer.concat([bytes.subarray(0, index), Buffer.from(bad), bytes.subarray(index)]),
          contentType: f.contentType,
        };
      }),
    },
    // Few: each costs a quarter of a megabyte. Around the limit, on both sides of it.
    { weight: 1, arbitrary: hugeBody(fixture) },
  );
  return fc
    .tuple(raw, fc.constantFrom('utf8', 'base64', 'base64', 'latin1-as-utf8', 'plain-claimed-base64', 'null'))
    .chain(([body, encoding]) =>
      fc
        .option(fc.constantFrom(...CONTENT_TYPES), { nil: body.contentType ?? 'application/json', freq: 3 })
        .map((contentType) => encode(body.bytes, encoding, contentType)),
    );
}

function hugeBody(fixture: fc.Arbitrary<Fixture>): fc.Arbitrary<RawBody> {
  return fc
    .tuple(fixture, fc.integer({ min: LIMIT - 64, max: LIMIT + 64 }), fc.constantFrom(' ', '\n', 'a'))
    .map(([f, size, pad]) => {
      const text = Buffer.from(f.text);
      // Whitespace after a JSON document keeps it valid; anything else makes it garbage.
      const padding = Buffer.alloc(Math.max(0, size - text.length), pad);
      return { bytes: Buffer.concat([text, padding]), contentType: f.contentType };
    });
}

function encode(bytes: Buffer, encoding: string, contentType: string): Body {
  switch (encoding) {
    case 'base64':
      return {
        bytes,
        signed: bytes,
        eventBody: bytes.toString('base64'),
        isBase64Encoded: true,
        contentType,
      };
    case 'latin1-as-utf8': {
      // A proxy that decoded the bytes as Latin-1: the handler sees other bytes than were signed.
      const eventBody = bytes.toString('latin1');
      return {
        bytes: Buffer.from(eventBody, 'utf8'),
        signed: bytes,
        eventBody,
        isBase64Encoded: false,
        contentType,
      };
    }
    case 'plain-claimed-base64': {
      // The flag says base64 but the body is the text itself.
      const eventBody = bytes.toString('utf8');
      const decoded = Buffer.from(eventBody, 'base64');
      return { bytes: decoded, signed: bytes, eventBody, isBase64Encoded: true, contentType };
    }
    case 'null':
      return {
        bytes: Buffer.alloc(0),
        signed: Buffer.alloc(0),
        eventBody: null,
        isBase64Encoded: false,
        contentType,
      };
    default: {
      // A JSON string body is UTF-8 text: invalid sequences become U+FFFD on the way in.
      const eventBody = bytes.toString('utf8');
      const decoded = Buffer.from(eventBody, 'utf8');
      return { bytes: decoded, signed: decoded, eventBody, isBase64Encoded: false, contentType };
    }
  }
}

/** Sent as API Gateway would: UTF-8 text, or base64 when the flag is on. */
export function honestBody(text: string, base64: boolean, contentType: string): Body {
  return encode(Buffer.from(text), base64 ? 'base64' : 'utf8', contentType);
}

// --- Headers ------------------------------------------------------------------------------------------

/** The same header names in any case: `WEBHOOK-id`, `x-bAmBoOhr-signature`. */
export const randomCase = (headers: Record<string, string>, mask: boolean[]) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value], n) => [
      [...name]
        .map((char, i) => (mask[(n * 7 + i) % mask.length] ? char.toUpperCase() : char.toLowerCase()))
        .join(''),
      value,
    ]),
  );

export const caseMask = fc.array(fc.boolean(), { minLength: 16, maxLength: 16 });

/** Headers nobody asked for, names and values anything a client can put in a map. */
export const noiseHeaders = fc.dictionary(fc.string({ maxLength: 24 }), fc.string({ maxLength: 200 }), {
  maxKeys: 4,
});

/**
 * How the headers reach the handler: both maps the same (API Gateway), only one of them, or the
 * multi-value map holding extra copies of some headers that the single-value map lacks.
 */
export type HeaderLayout = 'mirror' | 'single-only' | 'multi-only' | 'duplicated';
export const headerLayout = fc.constantFrom<HeaderLayout>(
  'mirror',
  'mirror',
  'single-only',
  'multi-only',
  'duplicated',
);

export function gatewayEvent(options: {
  provider: string | undefined;
  body: Body;
  headers: Record<string, string>;
  layout?: HeaderLayout;
  duplicates?: Record<string, string[]>;
}): APIGatewayProxyEvent {
  const event = apiGatewayEvent({
    provider: options.provider ?? 'standard',
    body: options.body.eventBody,
    isBase64Encoded: options.body.isBase64Encoded,
    headers: { 'Content-Type': options.body.contentType, ...options.headers },
  });
  if (options.provider === undefined) event.pathParameters = null;
  const mirror = event.multiValueHeaders;
  switch (options.layout ?? 'mirror') {
    case 'single-only':
      event.multiValueHeaders = {};
      break;
    case 'multi-only':
      event.headers = {};
      break;
    case 'duplicated':
      for (const [name, values] of Object.entries(options.duplicates ?? {})) {
        delete event.headers[name];
        mirror[name] = [...(mirror[name] ?? []), ...values];
      }
      break;
  }
  return event;
}
