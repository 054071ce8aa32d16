import type { Provider } from '../provider.js';
import { parseMerge } from './parse.js';
import type { MergeSettings } from './settings.js';
import { verifyMerge } from './verify.js';

/** Merge (unified HRIS): `X-Merge-Webhook-Signature` over the raw body, fat `Employee.*` events. */
export const mergeProvider: Provider<MergeSettings> = {
  name: 'merge',
  verify: verifyMerge,
  parse: parseMerge,
};
