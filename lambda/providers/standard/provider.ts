import type { Provider } from '../provider.js';
import { StandardSettings, StandardWebhookSecret } from './settings.js';

/**
 * Standard Webhooks (https://www.standardwebhooks.com/): this project's own employee-change JSON
 * (standard-delivery.ts), signed with a `whsec_` key; fat events, no API to read back from.
 */
export const standardProvider: Provider<'standard', typeof StandardSettings, undefined> = {
  name: 'standard',
  title: 'the Standard Webhooks sender',
  settings: StandardSettings,
  webhookSecret: StandardWebhookSecret,
  credentials: undefined,
  // Senders such as Svix fan a bulk change out as one message per employee, delivered concurrently,
  // and retry any non-2xx for about a day (https://docs.svix.com/retries): the largest burst, and a
  // 429 only delays it.
  throttle: { rateLimit: 50, burstLimit: 200 },
};
