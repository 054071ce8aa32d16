import * as z from 'zod/mini';

export const MergeSettings = z.strictObject({
  enabled: z._default(z.boolean(), false),
  /** When set, a delivery for another Merge linked account is refused (401). */
  linkedAccountId: z.optional(z.string().check(z.minLength(1))),
  apiBaseUrl: z._default(z.url(), 'https://api.merge.dev'),
});
