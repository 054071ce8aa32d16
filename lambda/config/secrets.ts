import * as z from 'zod/mini';

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

/** HR system API credentials, for enrichment and reconcile; only the worker can read this secret. */
export const HrisSecrets = z.object({
  bamboohr: z.optional(z.object({ subdomain: NonEmpty, apiKey: NonEmpty })),
  hibob: z.optional(z.object({ serviceUserId: NonEmpty, token: NonEmpty })),
  merge: z.optional(z.object({ apiKey: NonEmpty, accountToken: NonEmpty })),
  personio: z.optional(z.object({ clientId: NonEmpty, clientSecret: NonEmpty })),
});
export type HrisSecrets = z.infer<typeof HrisSecrets>;
