import * as z from 'zod/mini';

export const PersonioSettings = z.strictObject({
  enabled: z._default(z.boolean(), false),
  /** When set, a delivery for another Personio company is refused (401). */
  companyId: z.optional(z.union([z.string().check(z.minLength(1)), z.int()])),
  apiBaseUrl: z._default(z.url(), 'https://api.personio.de'),
});
