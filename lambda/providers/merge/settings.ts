import * as z from 'zod';

export const MergeSettings = z.strictObject({
  enabled: z.boolean().default(false),
  /** When set, a delivery for another Merge linked account is refused (401). */
  linkedAccountId: z.string().min(1).optional(),
  apiBaseUrl: z.url().default('https://api.merge.dev'),
});
