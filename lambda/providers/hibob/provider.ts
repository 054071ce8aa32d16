import type { Provider } from '../provider.js';
import { parseHiBob } from './parse.js';
import { isPing } from './ping.js';
import type { HiBobSettings } from './settings.js';
import { verifyHiBob } from './verify.js';

/** HiBob webhooks v2: `Bob-Signature` over the raw body, thin events, the `Ping test` handshake. */
export const hibobProvider: Provider<HiBobSettings> = {
  name: 'hibob',
  verify: verifyHiBob,
  parse: parseHiBob,
  handshake: (body) => (isPing(body) ? 'HiBob ping (webhook setup handshake)' : undefined),
};
