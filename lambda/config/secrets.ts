import * as z from 'zod';

/** Heymarket API secret (Settings > Integrations > API). Used to sign the per-request JWT. */
export const HeymarketSecret = z.object({
  apiSecretId: z.string().min(1),
  apiSecretKey: z.string().min(1),
});
export type HeymarketSecret = z.infer<typeof HeymarketSecret>;

/** Webhook verification secrets, one per enabled provider. */
export const WebhookSecrets = z.object({
  standard: z.string().startsWith('whsec_').optional(),
  bamboohr: z.string().min(1).optional(),
  merge: z.string().min(1).optional(),
  hibob: z.string().min(1).optional(),
  personio: z.string().min(1).optional(),
});
export type WebhookSecrets = z.infer<typeof WebhookSecrets>;

/** HR system API credentials, for enrichment and reconcile; only the worker can read this secret. */
export const HrisSecrets = z.object({
  bamboohr: z.object({ subdomain: z.string().min(1), apiKey: z.string().min(1) }).optional(),
  hibob: z.object({ serviceUserId: z.string().min(1), token: z.string().min(1) }).optional(),
  merge: z.object({ apiKey: z.string().min(1), accountToken: z.string().min(1) }).optional(),
  personio: z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) }).optional(),
});
export type HrisSecrets = z.infer<typeof HrisSecrets>;
