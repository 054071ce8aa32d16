import * as z from 'zod/mini';
import { lazySchema } from '../../core/lazy-schema.js';
import { SecretText } from '../provider.js';

export const MergeSettings = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    enabled: z._default(z.boolean(), false),
    /** When set, a delivery for another Merge linked account is refused (401). */
    linkedAccountId: z.optional(z.string().check(z.minLength(1))),
    /** Merge's API (`https://api-eu.merge.dev` for the EU region). */
    apiBaseUrl: z._default(z.url(), 'https://api.merge.dev'),
    /**
     * Whether a delivery whose employments or team came as ids only (so its job title or department cannot
     * be read from it) is read again from `GET /api/hris/v1/employees/{id}?expand=employments,team` by the
     * worker. Which form Merge's changed-data webhooks use is not confirmed: with expanded objects this
     * costs nothing; with ids it is what lets the role rules see a title and department. False takes the
     * delivery as it is (names, email and status only), one Merge API call fewer per event.
     */
    enrichUnexpanded: z._default(z.boolean(), true),
  }),
);
export type MergeSettings = z.infer<typeof MergeSettings>;

/** The provider's part of the HR-system secret: what its API client signs in with. */
export const MergeCredentials = /* @__PURE__ */ lazySchema(() =>
  z.object({ apiKey: SecretText, accountToken: SecretText }),
);
export type MergeCredentials = z.infer<typeof MergeCredentials>;
