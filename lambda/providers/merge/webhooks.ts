import type { WebhookHandler } from '../provider.js';
import { parseMerge } from './parse.js';
import type { MergeSettings } from './settings.js';
import { verifyMerge } from './verify.js';

/** How the receiver reads a Merge delivery (lambda/providers/webhook-handlers.ts). */
export const mergeWebhooks: WebhookHandler<MergeSettings> = {
  verify: verifyMerge,
  parse: parseMerge,
};
