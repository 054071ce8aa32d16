import type { ConfigInput } from '../../../lambda/config/schema.js';
import { loadReceiver, queuedMessages } from '../receiver.js';
import { apiGatewayEvent } from '../standard-webhook.js';

/** A provider's settings as a config file would hold them (`enabled: true` is added for a delivery). */
export type Settings = Record<string, unknown>;

/** What `problem.detail` must be: exactly this text, matching this pattern, or containing every part. */
export type Detail = string | RegExp | readonly string[];

/**
 * One HR system's receiving side as data: how to sign a body, its fixtures, and the vendor's own cases
 * for each rule the contract suites in test/contract/provider.*.test.ts run for every provider.
 */
export interface ProviderCase {
  name: 'bamboohr' | 'hibob' | 'merge' | 'personio';
  title: string;
  /** The webhook secret the receiver is given for this provider. */
  secret: string;
  /** Headers of a correctly signed (or authenticated) delivery of `body`. */
  headers(body: string | Buffer): Record<string, string>;
  fixture(name: string): string;
  tenant: {
    /** The setting that pins the tenant (`providers.<name>.<key>`). */
    key: string;
    /** Another tenant's delivery: refused with `detail`, never repeating `hidden` (the tenant in the body). */
    other: { setting: unknown; body: string; detail: string; hidden: string };
    /** Another tenant's delivery of an event that would otherwise be ignored. */
    otherIgnored: { setting: unknown; body: string };
    /** The configured tenant, in each form it may be written: every body is accepted with each. */
    same: { settings: readonly (readonly [string, unknown])[]; bodies: readonly string[] };
    /** Accepted when no tenant is configured. */
    unpinned: string;
    /** The vendor's own refusals (401) and acceptances (202) with a tenant configured. */
    refused: readonly { label: string; setting: unknown; body: string; detail?: string }[];
    accepted: readonly { label: string; setting: unknown; body: string }[];
  };
  ignored: {
    /** Each is answered 200 and queues nothing; `ignored`, when given, is the exact reason. */
    rows: readonly { label: string; body: string; settings?: Settings; ignored?: string }[];
    /** An event whose name is not a plain name, containing `hidden`, under `settings`. */
    hostileName: { body: string; hidden: string; settings?: Settings };
  };
  invalidBody: {
    /** Text that is not JSON; the answer must not quote `hidden` from it. */
    notJson: { body: string; hidden: string };
    /** Bodies that are JSON but not an object. */
    notObjects: readonly string[];
    /** Each body is answered 400 with `detail`, never quoting `hidden`. */
    rows: readonly { label: string; bodies: readonly string[]; detail: Detail; hidden?: string }[];
  };
  /** Deliveries the receiver must not trust: answered 401 and nothing queued. */
  untrusted: {
    /** The clock the receiver runs at, where the scheme signs a time (BambooHR). */
    now?: number;
    /** The fixture delivered. */
    body: string;
    /** HTTP headers of `body` made with a key (or token) nobody was given. */
    forged(body: string): Headers;
    forgedType: 'signature-invalid' | 'token-invalid';
    forgedDetail: string;
    unsigned: { headers: Headers; detail: string };
    /** The vendor's own refusals (a stale timestamp). */
    refused: readonly { label: string; headers: () => Headers; detail: string }[];
  };
  /** Valid deliveries: what holds for every provider (each vendor's mapping: test/unit/<name>.accepted). */
  accepted: {
    /** The clock the receiver runs at: the fixtures' event times are just before it. */
    now: number;
    settings: Settings;
    /** A body delivered twice, with these headers each time (by default, signed as usual). */
    retry: { body: string; headers?: readonly [Headers, Headers] };
    /** A body with non-ASCII bytes, sent base64-encoded; its message matches `queued` where given. */
    encoded: { body: Buffer; queued?: Record<string, unknown> };
    /** The signature (or token) header spelt in another case, and what else this shows. */
    headerCase: { label: string; body: string; headers: readonly Headers[] };
  };
  /** The signature over the body, for the providers that sign one (Personio sends a token instead). */
  signature?: SignatureCase;
  settings: {
    /** What `providers.<name>` is when the config file says nothing about it. */
    defaults: Settings;
    /** Taken, and parsed to (at least, or with `exact` exactly) `parsed`. */
    accepted: readonly { label: string; input: Settings; parsed: Settings; exact?: boolean }[];
    /** Refused with a config error naming each of `paths` (under `providers.<name>.`). */
    refused: readonly { label: string; input: Settings; paths: readonly string[] }[];
  };
}

/** Headers of a verification, named in lower case (the header getter lower-cases what it looks up). */
export type Headers = Record<string, string>;

/** A body-signing scheme as data for test/contract/provider.verify.test.ts. */
export interface SignatureCase {
  /** The clock verification runs at (the signed timestamp, where there is one, is near it). */
  now: number;
  /** The fixture that is signed. */
  body: string;
  /** The signature of `payload` under `key`, computed here with node:crypto, not by the code under test. */
  sign(payload: string | Buffer, key: string): string;
  /** The headers carrying `signature` (and the signed timestamp, where the scheme has one). */
  carrying(signature: string): Headers;
  /** Other bytes and another key, non-ASCII included; `around` is whitespace put around the signature. */
  other: { body: string | Buffer; key: string; around?: string };
  /** Exactly what a signature made with another key is refused with. */
  wrongKeyMessage: string;
  /** `body` changed after signing, each refused under the signature of `body`. */
  changedBodies: readonly string[];
  /** The test's own signing checked against the vendor's documented form (the vendor's own vectors). */
  selfChecks: readonly (readonly [string, () => void])[];
  /** Other spellings the vendor's scheme allows, each header set accepted. */
  acceptedForms: readonly (readonly [string, readonly Headers[]])[];
  /** Near misses of the scheme, each header set refused. */
  refusedForms: readonly (readonly [string, readonly Headers[]])[];
  /** Headers missing or blank, each refused with exactly its message. */
  missing: readonly (readonly [Headers, string])[];
  /** A signature that is not in the scheme's encoding: refused without quoting `hidden`, with `message`. */
  junk: { signature: string; hidden: string; message?: string };
  /** Far too long to be a signature. */
  tooLong: string;
}

/**
 * One delivery of `body` to `/webhooks/<provider>` through the real receiver handler, signed for the
 * provider, with the provider switched on with `settings`; `encoded` sends it base64-encoded, as API
 * Gateway does with a binary body.
 */
export async function deliverTo(
  provider: ProviderCase,
  body: string | Buffer,
  settings: Settings = {},
  headers: Record<string, string> = provider.headers(body),
  encoded = false,
) {
  const config = { providers: { [provider.name]: { enabled: true, ...settings } } } as ConfigInput;
  const receiver = await loadReceiver({ config, webhookSecrets: { [provider.name]: provider.secret } });
  const response = await receiver.handler(
    apiGatewayEvent({
      provider: provider.name,
      body: encoded ? Buffer.from(body).toString('base64') : body.toString(),
      isBase64Encoded: encoded,
      headers,
    }),
  );
  return { response, messages: queuedMessages(receiver.sqs) };
}

/** `rows` as `[name, row]` pairs, for `it.each` / `describe.each` names that read as sentences. */
export function labelledBy<T>(rows: readonly T[], name: (row: T) => string): (readonly [string, T])[] {
  return rows.map((row) => [name(row), row] as const);
}

/** `rows` as `[label, row]` pairs. */
export const labelled = <T extends { label: string }>(rows: readonly T[]) =>
  labelledBy(rows, (row) => row.label);
