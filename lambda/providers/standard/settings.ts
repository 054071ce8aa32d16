import * as z from 'zod/mini';
import { lazySchema } from '../../core/lazy-schema.js';

export const StandardSettings = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ enabled: z._default(z.boolean(), true) }),
);

/** The sender's signing key, as Standard Webhooks writes it (`whsec_` and base64). */
export const StandardWebhookSecret = /* @__PURE__ */ lazySchema(() =>
  z.string().check(z.startsWith('whsec_')),
);
