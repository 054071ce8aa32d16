import type { WebhookHandler } from '../provider.js';
import { parseHiBob } from './parse.js';
import { isPing } from './ping.js';
import type { HiBobSettings } from './settings.js';
import { verifyHiBob } from './verify.js';

/** How the receiver reads a HiBob delivery (lambda/providers/webhook-handlers.ts). */
export const hibobWebhooks: WebhookHandler<HiBobSettings> = {
  verify: verifyHiBob,
  parse: parseHiBob,
  handshake: (body) => (isPing(body) ? 'HiBob ping (webhook setup handshake)' : undefined),
};
