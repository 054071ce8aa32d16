import type { Config } from '../config/schema.js';
import type { HrisSecrets } from '../config/secrets.js';
import type { Employee, EmployeeChange } from '../core/employee-change.js';
import { classify, permanent, SyncError } from '../core/errors.js';
import type { EmployeeSource, SourceDeps } from './provider.js';
import { sourceFactories } from './sources.js';

type AnyFactory = (settings: unknown, credentials: unknown, deps: SourceDeps) => EmployeeSource;

/**
 * The worker's `enrich`: picks the thin event's HR API client, built from the provider's settings and
 * its entry of the HR-system secret (read through the warm secret cache, so a rotated key is picked up
 * within the cache TTL). A secret that cannot be read keeps the change on the queue (transient); a
 * provider with no entry in it goes to the DLQ with a reason an operator can act on.
 */
export function createEnricher(options: {
  config: Config;
  credentials: () => Promise<HrisSecrets>;
  deps: SourceDeps;
}): (change: EmployeeChange, callOptions: { deadline: number }) => Promise<Employee> {
  const sources = new Map<string, EmployeeSource>();
  return async (change, callOptions) => {
    const provider = change.provider;
    const factory = sourceFactories[provider] as AnyFactory | undefined;
    if (!factory) {
      throw permanent('enrichment-unavailable', `provider ${provider} has no HR API client for thin events`);
    }
    let secrets: HrisSecrets;
    try {
      secrets = await options.credentials();
    } catch (error) {
      const failure = classify(error);
      throw new SyncError('transient', failure.code, failure.message, failure.details, { cause: error });
    }
    const credentials = secrets[provider as keyof HrisSecrets];
    if (!credentials) {
      throw permanent('hris-credentials-missing', `the HR API secret has no "${provider}" entry`);
    }
    const key = `${provider}:${JSON.stringify(credentials)}`;
    let source = sources.get(key);
    if (!source) {
      source = factory(options.config.providers[provider], credentials, options.deps);
      sources.set(key, source);
    }
    return source.fetchEmployee(change, callOptions);
  };
}
