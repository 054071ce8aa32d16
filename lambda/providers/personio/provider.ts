import type { Provider } from '../provider.js';
import { parsePersonio } from './parse.js';
import type { PersonioSettings } from './settings.js';
import { verifyPersonio } from './verify.js';

/** Personio webhooks: a static token in `Authorization`, thin ("dataless") person and employment events. */
export const personioProvider: Provider<PersonioSettings> = {
  name: 'personio',
  verify: verifyPersonio,
  parse: parsePersonio,
};
