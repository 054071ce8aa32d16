import * as z from 'zod';

export const PersonioSettings = z.strictObject({
  enabled: z.boolean().default(false),
  /** When set, a delivery for another Personio company is refused (401). */
  companyId: z.union([z.string().min(1), z.number().int()]).optional(),
  apiBaseUrl: z.url().default('https://api.personio.de'),
});
