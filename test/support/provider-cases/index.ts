import { bamboohr } from './bamboohr.js';
import { labelledBy } from './case.js';
import { hibob } from './hibob.js';
import { merge } from './merge.js';
import { personio } from './personio.js';

export { type Detail, deliverTo, labelled, type ProviderCase } from './case.js';

/**
 * The HR systems whose receiving side the contract suites run. Standard Webhooks is not here: it has no
 * tenant, no ignored events and no settings of its own (test/unit/standard.*.test.ts cover it).
 */
export const PROVIDER_CASES = [bamboohr, hibob, merge, personio];

/** The cases as `[title, case]` rows, so that `describe.each` names each suite `%s` without quotes. */
export const BY_TITLE = labelledBy(PROVIDER_CASES, (provider) => provider.title);
