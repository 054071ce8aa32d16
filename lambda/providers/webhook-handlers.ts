import type * as z from 'zod/mini';
import type { ProviderName } from '../core/employee-change.js';
import { bamboohrWebhooks } from './bamboohr/webhooks.js';
import { hibobWebhooks } from './hibob/webhooks.js';
import type { RegisteredProvider } from './index.js';
import { mergeWebhooks } from './merge/webhooks.js';
import { personioWebhooks } from './personio/webhooks.js';
import type { WebhookHandler } from './provider.js';
import { standardWebhooks } from './standard/webhooks.js';

/** The configuration section of the provider named `N`, as its parser reads it. */
type SettingsOf<N extends ProviderName> = z.output<Extract<RegisteredProvider, { name: N }>['settings']>;

/**
 * How the receiver (and `hr-sync map`) reads each registered provider's deliveries. Kept apart from
 * the registry (index.ts) so that only the receiver's bundle carries the parsers: esbuild keeps every
 * module an object literal names. Keyed by every registered name, so a provider added to the registry
 * without a line here fails the type check.
 */
export const webhookHandlers: { readonly [N in ProviderName]: WebhookHandler<SettingsOf<N>> } = {
  standard: standardWebhooks,
  bamboohr: bamboohrWebhooks,
  merge: mergeWebhooks,
  hibob: hibobWebhooks,
  personio: personioWebhooks,
};

/** The webhook handler of a registered provider (look the name up with `findProvider` first). */
export const webhookHandlerOf = <N extends ProviderName>(name: N): WebhookHandler<SettingsOf<N>> =>
  webhookHandlers[name];
