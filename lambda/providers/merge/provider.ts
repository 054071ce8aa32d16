import { clientSource, type Provider, SecretText } from '../provider.js';
import { createMergeClient } from './api.js';
import { parseMerge } from './parse.js';
import { MergeCredentials, MergeSettings } from './settings.js';
import { verifyMerge } from './verify.js';

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
  verify: verifyMerge,
  parse: parseMerge,
  source: clientSource(createMergeClient),
  lister: (settings, credentials, deps) => {
    const client = createMergeClient({ settings, credentials, ...deps });
    return ({ deadline }) => client.listEmployees(deadline === undefined ? {} : { deadline });
  },
  tenant: (settings) => settings.linkedAccountId,
};
