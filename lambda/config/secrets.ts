import * as z from 'zod/mini';
import type { $ZodType, output } from 'zod/v4/core';
import { formatPath } from './load.js';

const NonEmpty = z.string().check(z.minLength(1));

/** Heymarket API secret (Settings > Integrations > API). Used to sign the per-request JWT. */
export const HeymarketSecret = z.object({ apiSecretId: NonEmpty, apiSecretKey: NonEmpty });
export type HeymarketSecret = z.infer<typeof HeymarketSecret>;

/** Webhook verification secrets, one per enabled provider. */
export const WebhookSecrets = z.object({
  standard: z.optional(z.string().check(z.startsWith('whsec_'))),
  bamboohr: z.optional(NonEmpty),
  merge: z.optional(NonEmpty),
  hibob: z.optional(NonEmpty),
  personio: z.optional(NonEmpty),
});
export type WebhookSecrets = z.infer<typeof WebhookSecrets>;

/** HR system API credentials, for enrichment (the worker) and reconcile (the scheduler function). */
export const HrisSecrets = z.object({
  bamboohr: z.optional(z.object({ subdomain: NonEmpty, apiKey: NonEmpty })),
  hibob: z.optional(z.object({ serviceUserId: NonEmpty, token: NonEmpty })),
  merge: z.optional(z.object({ apiKey: NonEmpty, accountToken: NonEmpty })),
  personio: z.optional(z.object({ clientId: NonEmpty, clientSecret: NonEmpty })),
});
export type HrisSecrets = z.infer<typeof HrisSecrets>;

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
