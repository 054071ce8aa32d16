import { type Provider, SecretText } from '../provider.js';
import { PersonioCredentials, PersonioSettings } from './settings.js';

/** Personio webhooks: a static token in `Authorization`, thin ("dataless") person and employment events. */
export const personioProvider: Provider<'personio', typeof PersonioSettings, typeof PersonioCredentials> = {
  name: 'personio',
  title: 'Personio',
  settings: PersonioSettings,
  webhookSecret: SecretText,
  credentials: PersonioCredentials,
  localEnv: {
    webhookSecret: 'WEBHOOK_SECRET_PERSONIO',
    credentials: { clientId: 'PERSONIO_CLIENT_ID', clientSecret: 'PERSONIO_CLIENT_SECRET' },
  },
  // One thin delivery per person or employment event, including bulk imports; Personio wants an
  // answer within 3 s and does not retry a 4xx.
  throttle: { rateLimit: 20, burstLimit: 100 },
  tenant: (settings) => settings.companyId,
};
