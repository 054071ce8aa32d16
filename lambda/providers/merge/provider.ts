import { type Provider, SecretText } from '../provider.js';
import { MergeCredentials, MergeSettings } from './settings.js';

/** Merge (unified HRIS): `X-Merge-Webhook-Signature` over the raw body, fat `Employee.*` events. */
export const mergeProvider: Provider<'merge', typeof MergeSettings, typeof MergeCredentials> = {
  name: 'merge',
  title: 'Merge',
  settings: MergeSettings,
  webhookSecret: SecretText,
  credentials: MergeCredentials,
  localEnv: {
    webhookSecret: 'WEBHOOK_SECRET_MERGE',
    credentials: { apiKey: 'MERGE_API_KEY', accountToken: 'MERGE_ACCOUNT_TOKEN' },
  },
  // One `Employee.*` delivery per changed employee after each sync of a linked account, so the first
  // sync or a re-sync arrives as a burst; Merge retries a failure only a few times. Merge's ~100
  // requests/min per account limits our reads from its API, not its deliveries to us.
  throttle: { rateLimit: 20, burstLimit: 100 },
  tenant: (settings) => settings.linkedAccountId,
};
