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
