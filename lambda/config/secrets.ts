import * as z from 'zod/mini';
import type { $ZodType, output } from 'zod/v4/core';
import { lazySchema } from '../core/lazy-schema.js';
import {
  type ApiProvider,
  apiProviders,
  credentialKeys,
  providers,
  type RegisteredProvider,
} from '../providers/index.js';
import { formatPath } from './format-path.js';

const NonEmpty = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1)));

/** Heymarket API secret (Settings > Integrations > API). Used to sign the per-request JWT. */
export const HeymarketSecret = /* @__PURE__ */ lazySchema(() =>
  z.object({ apiSecretId: NonEmpty, apiSecretKey: NonEmpty }),
);
export type HeymarketSecret = z.infer<typeof HeymarketSecret>;

/** Webhook verification secrets, one per enabled provider (each provider's `webhookSecret`). */
// Lazy (lambda/core/lazy-schema.ts): built on the first read of the secret, and left out of the bundle
// of a function that never reads it (the worker, the scheduler). Likewise HrisSecrets and HeymarketSecret.
export const WebhookSecrets = /* @__PURE__ */ lazySchema(() =>
  z.object(
    Object.fromEntries(providers.map((provider) => [provider.name, z.optional(provider.webhookSecret)])) as {
      [P in RegisteredProvider as P['name']]: z.ZodMiniOptional<P['webhookSecret']>;
    },
  ),
);
export type WebhookSecrets = z.infer<typeof WebhookSecrets>;

/**
 * HR system API credentials (each provider's `credentials`), for enrichment (the worker) and
 * reconcile (the scheduler function).
 */
export const HrisSecrets = /* @__PURE__ */ lazySchema(() =>
  z.object(
    Object.fromEntries(apiProviders.map((provider) => [provider.name, z.optional(provider.credentials)])) as {
      [P in ApiProvider as P['name']]: z.ZodMiniOptional<P['credentials']>;
    },
  ),
);
export type HrisSecrets = z.infer<typeof HrisSecrets>;

/**
 * The HR-system secret's JSON in outline for the stack's description of it (infra/heymarket-hr-sync.ts): every provider with an HR API, the
 * first with its keys (`{"bamboohr":{"subdomain","apiKey"},"hibob":{...},...}`).
 */
export function hrisSecretOutline(): string {
  const entries = apiProviders.map((provider, index) => {
    const keys = credentialKeys(provider).map((key) => `"${key}"`);
    return `"${provider.name}":{${index === 0 ? keys.join(',') : '...'}}`;
  });
  return `{${entries.join(',')}}`;
}

/**
 * The secret's JSON against its schema: the data, or one line per problem naming the key at fault
 * (`apiSecretKey is missing`, `standard Invalid string: must start with "whsec_"`), never a value.
 * `nameOf` says how a key is called where the person fixes it (a JSON path, an environment variable).
 */
export function checkSecretShape<S extends $ZodType>(
  json: unknown,
  schema: S,
  nameOf: (path: readonly PropertyKey[]) => string = (path) => formatPath(path) || '(root)',
): { success: true; data: output<S> } | { success: false; problems: string[] } {
  const result = z.safeParse(schema, json, { reportInput: false });
  if (result.success) return { success: true, data: result.data };
  const problems = result.error.issues.map((issue) => {
    const where = nameOf(issue.path);
    return valueAt(json, issue.path) === undefined && issue.path.length > 0
      ? `${where} is missing`
      : `${where} ${issue.message}`;
  });
  return { success: false, problems };
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
