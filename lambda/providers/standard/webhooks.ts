import type { WebhookHandler } from '../provider.js';
import { parseStandard } from './parse.js';
import { verifyStandard } from './verify.js';

/** How the receiver reads a Standard Webhooks delivery (lambda/providers/webhook-handlers.ts). */
export const standardWebhooks: WebhookHandler = {
  verify: verifyStandard,
  parse: parseStandard,
};
