import { type Provider, SecretText } from '../provider.js';
import { HiBobCredentials, HiBobSettings } from './settings.js';

/** HiBob webhooks v2: `Bob-Signature` over the raw body, thin events, the `Ping test` handshake. */
export const hibobProvider: Provider<'hibob', typeof HiBobSettings, typeof HiBobCredentials> = {
  name: 'hibob',
  title: 'HiBob',
  settings: HiBobSettings,
  webhookSecret: SecretText,
  credentials: HiBobCredentials,
  localEnv: {
    webhookSecret: 'WEBHOOK_SECRET_HIBOB',
    credentials: { serviceUserId: 'HIBOB_SERVICE_USER_ID', token: 'HIBOB_TOKEN' },
  },
  // One delivery per employee event (and per changed table entry); HiBob retries a failed delivery
  // for up to 3 days, so a 429 delays rather than loses: the tightest limits.
  throttle: { rateLimit: 10, burstLimit: 50 },
  tenant: (settings) => settings.companyId,
};
