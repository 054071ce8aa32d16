import type { Config } from '../config/schema.js';
import type { HrisSecrets } from '../config/secrets.js';
import type { Employee, ProviderName } from '../core/employee-change.js';
import { createBambooHrClient } from './bamboohr/api.js';
import { createHiBobClient } from './hibob/api.js';
import { createMergeClient } from './merge/api.js';
import { createPersonioClient } from './personio/api.js';
import type { SourceDeps } from './provider.js';

/** Every employee of one HR system, a page at a time (one page for the APIs that do not page). */
export type ListEmployees = (options: { deadline?: number }) => AsyncIterable<Employee[]>;

type ListerFactory<K extends keyof HrisSecrets> = (
  settings: Config['providers'][K],
  credentials: NonNullable<HrisSecrets[K]>,
  deps: SourceDeps,
) => ListEmployees;

/**
 * The reconcile job's registry of HR list APIs (each provider's api.ts under lambda/providers cites
 * its vendor's documentation), built like `sourceFactories` from the
 * provider's settings and its entry of the HR-system secret. `standard` has no API to list from.
 */
export const listerFactories: { [K in keyof HrisSecrets]-?: ListerFactory<K> } = {
  bamboohr: (settings, credentials, deps) => {
    const client = createBambooHrClient({ settings, credentials, ...deps });
    return async function* ({ deadline }) {
      yield await client.listEmployees(deadline === undefined ? {} : { deadline });
    };
  },
  hibob: (settings, credentials, deps) => {
    const client = createHiBobClient({ settings, credentials, ...deps });
    return async function* ({ deadline }) {
      yield await client.searchPeople(deadline === undefined ? {} : { deadline });
    };
  },
  merge: (settings, credentials, deps) => {
    const client = createMergeClient({ settings, credentials, ...deps });
    return ({ deadline }) => client.listEmployees(deadline === undefined ? {} : { deadline });
  },
  // Title and department live on the employment (one more call per person): a listed Personio
  // employee carries names, email and status only, so reconcile compares names, never the role.
  personio: (settings, credentials, deps) => {
    const client = createPersonioClient({ settings, credentials, ...deps });
    return ({ deadline }) => client.listPersons(deadline === undefined ? {} : { deadline });
  },
};

/** The enabled providers that have a list API, in a fixed order (a resumed run relies on it). */
export function listableProviders(config: Config): (keyof HrisSecrets)[] {
  return (Object.keys(listerFactories) as (keyof HrisSecrets)[]).filter(
    (provider) => config.providers[provider].enabled,
  );
}

/** The tenant webhooks of this provider carry, when the configuration names it. */
export function configuredTenant(config: Config, provider: ProviderName): string | undefined {
  const settings = config.providers[provider] as { companyId?: string | number; linkedAccountId?: string };
  const tenant = settings.companyId ?? settings.linkedAccountId;
  return tenant === undefined ? undefined : String(tenant).trim();
}
