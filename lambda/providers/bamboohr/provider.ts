import type { Provider } from '../provider.js';
import { parseBambooHr } from './parse.js';
import type { BambooHrSettings } from './settings.js';
import { verifyBambooHr } from './verify.js';

/**
 * BambooHR webhooks: `X-BambooHR-Signature` over the body and `X-BambooHR-Timestamp`; event-based
 * (thin) and field-based (fat, batched) deliveries, JSON or form-encoded.
 */
export const bamboohrProvider: Provider<BambooHrSettings> = {
  name: 'bamboohr',
  verify: verifyBambooHr,
  parse: parseBambooHr,
};
