import { type Provider, SecretText } from '../provider.js';
import { BambooHrCredentials, BambooHrSettings } from './settings.js';

/**
 * BambooHR webhooks: `X-BambooHR-Signature` over the body and `X-BambooHR-Timestamp`; event-based
 * (thin) and field-based (fat, batched) deliveries, JSON or form-encoded.
 */
export const bamboohrProvider: Provider<'bamboohr', typeof BambooHrSettings, typeof BambooHrCredentials> = {
  name: 'bamboohr',
  title: 'BambooHR',
  settings: BambooHrSettings,
  webhookSecret: SecretText,
  credentials: BambooHrCredentials,
  localEnv: {
    webhookSecret: 'WEBHOOK_SECRET_BAMBOOHR',
    credentials: { subdomain: 'BAMBOOHR_SUBDOMAIN', apiKey: 'BAMBOOHR_API_KEY' },
  },
  // Field-based webhooks batch many employees into one request and BambooHR can space them itself
  // (the webhook's `limit` of times per seconds,
  // https://documentation.bamboohr.com/docs/permissioned-webhooks); event-based webhooks send one per
  // employee event (`created` then `updated` for a hire). BambooHR retries only a 5xx, 5 times over
  // about 2.5 hours, and never a 4xx: room for a bulk edit of a few hundred employees at once.
  throttle: { rateLimit: 20, burstLimit: 100 },
  tenant: (settings) => settings.companyId,
};
