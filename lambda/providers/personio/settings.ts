import * as z from 'zod/mini';
import { lazySchema } from '../../core/lazy-schema.js';
import { SecretText } from '../provider.js';

export const PersonioSettings = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    enabled: z._default(z.boolean(), false),
    /** When set, a delivery for another Personio company is refused (401). Compared as text: 123 = "123". */
    companyId: z.optional(z.union([z.string().check(z.minLength(1)), z.int()])),
    /** The v2 API (token, persons, employments, org units). */
    apiBaseUrl: z._default(z.url(), 'https://api.personio.de'),
    /**
     * How long a department name read from `GET /v2/org-units/{id}` is reused by a warm worker before it
     * is read again (a renamed department shows up after at most this long). 0 reads it every time.
     */
    orgUnitCacheTtlSeconds: z._default(z.int().check(z.minimum(0), z.maximum(86_400)), 3_600),
  }),
);
export type PersonioSettings = z.infer<typeof PersonioSettings>;

/** The provider's part of the HR-system secret: what its API client signs in with. */
export const PersonioCredentials = /* @__PURE__ */ lazySchema(() =>
  z.object({ clientId: SecretText, clientSecret: SecretText }),
);
export type PersonioCredentials = z.infer<typeof PersonioCredentials>;
