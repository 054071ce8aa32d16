import {
  GetSecretValueCommand,
  type GetSecretValueCommandOutput,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { $ZodType, output } from 'zod/v4/core';
import {
  checkSecretShape,
  WebhookSecrets,
  type WebhookSecrets as WebhookSecretsShape,
} from '../config/secrets.js';
import type { ProviderName } from '../core/employee-change.js';
import { permanent, SyncError } from '../core/errors.js';
import { newAwsClient, sdkErrorName } from './sdk-client.js';

/**
 * Secrets Manager with a warm cache. Every failure is a SyncError whose message names the secret as
 * it was given (name or ARN) and the key at fault, never a value:
 * - `secrets-unavailable` (transient): throttling, 5xx, timeouts, network, anything unrecognised;
 * - `secret-not-found`, `secret-access-denied`, `secret-invalid` (permanent): an operator must act.
 * Both are failures of ours, not of the caller: the receiver answers 503 / 500 so the HR system retries
 * later, and the worker reports the records as batch failures so nothing is dropped.
 */
export interface SecretReader {
  read<S extends $ZodType>(
    secretId: string,
    schema: S,
    options?: { forceRefresh?: boolean },
  ): Promise<output<S>>;
}

export interface SecretReaderOptions {
  client?: SecretsManagerClient;
  /** How long a fetched secret is reused across warm invocations; 0 fetches every time. */
  ttlMs?: number;
  /**
   * A forced refresh within this long of the last fetch reuses that fetch. The receiver refreshes
   * after a failed signature (a rotated secret), so forged requests must not each cost a call.
   */
  minRefreshIntervalMs?: number;
  now?: () => number;
}

export const newSecretsManagerClient = () => newAwsClient(SecretsManagerClient);

// What an operator has to fix; everything else (throttling, 5xx, network) may pass by itself.
const NOT_FOUND = new Set(['ResourceNotFoundException']);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'DecryptionFailure']);
const INVALID = new Set(['InvalidRequestException', 'InvalidParameterException']);

export function createSecretReader(options: SecretReaderOptions = {}): SecretReader {
  const { ttlMs = 300_000, minRefreshIntervalMs = 0, now = Date.now } = options;
  let client = options.client;
  // Each fetch's text is parsed and validated once per schema, on its first read, not per read: the
  // receiver reads its webhook secret on every delivery.
  type Entry = { text: string; fetchedAt: number; parsed: WeakMap<$ZodType, unknown> };
  const cache = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry>>();

  const fetchEntry = (secretId: string): Promise<Entry> => {
    const pending = inFlight.get(secretId);
    if (pending) return pending;
    client ??= newSecretsManagerClient();
    const fetching = getSecretString(client, secretId)
      .then((text) => {
        const entry = { text, fetchedAt: now(), parsed: new WeakMap<$ZodType, unknown>() };
        if (ttlMs > 0) cache.set(secretId, entry);
        return entry;
      })
      .finally(() => inFlight.delete(secretId));
    inFlight.set(secretId, fetching);
    return fetching;
  };

  const current = (secretId: string, forceRefresh: boolean): Entry | Promise<Entry> => {
    const cached = cache.get(secretId);
    if (cached) {
      const age = now() - cached.fetchedAt;
      if (age < ttlMs && (!forceRefresh || age < minRefreshIntervalMs)) return cached;
      cache.delete(secretId);
    }
    return fetchEntry(secretId);
  };

  return {
    async read(secretId, schema, { forceRefresh = false } = {}) {
      const entry = await current(secretId, forceRefresh);
      if (entry.parsed.has(schema)) return entry.parsed.get(schema) as output<typeof schema>;
      // Frozen: every later read of this fetch shares the value, so no caller may change it.
      const value = deepFreeze(parseSecret(secretId, entry.text, schema));
      entry.parsed.set(schema, value);
      return value;
    },
  };
}

async function getSecretString(client: SecretsManagerClient, secretId: string): Promise<string> {
  let output: GetSecretValueCommandOutput;
  try {
    output = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  } catch (error) {
    throw classifySecretsError(secretId, error);
  }
  if (output.SecretString === undefined) {
    throw permanent('secret-invalid', `secret ${secretId}: has no SecretString (store it as JSON text)`);
  }
  return output.SecretString;
}

function classifySecretsError(secretId: string, error: unknown): SyncError {
  const code = sdkErrorName(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  const details = status === undefined ? {} : { status };
  const cause = { cause: error };
  if (NOT_FOUND.has(code)) {
    return new SyncError('permanent', 'secret-not-found', `secret ${secretId}: not found`, details, cause);
  }
  if (ACCESS_DENIED.has(code)) {
    return new SyncError(
      'permanent',
      'secret-access-denied',
      `secret ${secretId}: access denied (${code}); check the function's role and the key policy`,
      details,
      cause,
    );
  }
  if (INVALID.has(code)) {
    return new SyncError('permanent', 'secret-invalid', `secret ${secretId}: ${code}`, details, cause);
  }
  return new SyncError(
    'transient',
    'secrets-unavailable',
    `secret ${secretId}: Secrets Manager unavailable (${code})`,
    details,
    cause,
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Validates the JSON text; the message names the key at fault, never its value. */
export function parseSecret<S extends $ZodType>(secretId: string, text: string, schema: S): output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text, so it is not passed on.
    throw permanent('secret-invalid', `secret ${secretId}: not JSON`);
  }
  const result = checkSecretShape(json, schema);
  if (result.success) return result.data;
  throw permanent('secret-invalid', `secret ${secretId}: ${result.problems.join('; ')}`);
}

/**
 * The receiver's port onto the webhook-secrets JSON (`{"standard": "whsec_...", ...}`): the secret of
 * one provider, or a permanent `secret-invalid` naming the missing key when that provider has none.
 */
export function webhookSecretFrom(reader: SecretReader, secretId: string) {
  return async (provider: ProviderName, options: { forceRefresh?: boolean } = {}): Promise<string> => {
    const secrets: WebhookSecretsShape = await reader.read(secretId, WebhookSecrets, options);
    const secret = secrets[provider];
    if (!secret) throw permanent('secret-invalid', `secret ${secretId}: ${provider} is missing`);
    return secret;
  };
}
