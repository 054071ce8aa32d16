import type { WebhookHandler } from '../provider.js';
import { parsePersonio } from './parse.js';
import type { PersonioSettings } from './settings.js';
import { verifyPersonio } from './verify.js';

/** How the receiver reads a Personio delivery (lambda/providers/webhook-handlers.ts). */
export const personioWebhooks: WebhookHandler<PersonioSettings> = {
  verify: verifyPersonio,
  parse: parsePersonio,
};
