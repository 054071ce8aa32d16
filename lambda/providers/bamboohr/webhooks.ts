import type { WebhookHandler } from '../provider.js';
import { parseBambooHr } from './parse.js';
import type { BambooHrSettings } from './settings.js';
import { verifyBambooHr } from './verify.js';

/** How the receiver reads a BambooHR delivery (lambda/providers/webhook-handlers.ts). */
export const bamboohrWebhooks: WebhookHandler<BambooHrSettings> = {
  verify: verifyBambooHr,
  parse: parseBambooHr,
};
