import type { Config } from '../config/schema.js';
import type { HrisSecrets } from '../config/secrets.js';
import type { ProviderName } from '../core/employee-change.js';
import { classify, permanent, SyncError } from '../core/errors.js';
import { findProvider } from './index.js';
import type { Provider, SourceDeps } from './provider.js';

type Build<T> = (settings: unknown, credentials: unknown, deps: SourceDeps) => T;

/**
 * A provider's piece of its HR API (the worker's `source`, reconcile's `lister`), built from the
 * provider's settings and its entry of the HR-system secret, once per credentials: the secret is read
 * on every call (through the caller's warm cache, so a rotated key is picked up within the cache TTL).
 * A secret that cannot be read is transient (the change stays on the queue, the run is retried); a
 * provider with no entry in it is permanent, with a reason an operator can act on.
 */
export function hrApiBuilder<T>(options: {
  config: Config;
  credentials: () => Promise<HrisSecrets>;
  deps: SourceDeps;
  /** The piece wanted of a provider, or undefined when it has none. */
  piece: (provider: Provider) => Build<T> | undefined;
  /** Thrown for a provider that has no such piece. */
  unavailable: (provider: ProviderName) => SyncError;
}): (provider: ProviderName) => Promise<T> {
  const built = new Map<string, T>();
  return async (name) => {
    const provider = findProvider(name);
    const build = provider && options.piece(provider)?.bind(provider);
    if (!build) throw options.unavailable(name);
    let secrets: HrisSecrets;
    try {
      secrets = await options.credentials();
    } catch (error) {
      const failure = classify(error);
      throw new SyncError('transient', failure.code, failure.message, failure.details, { cause: error });
    }
    const credentials = Object.hasOwn(secrets, name) ? secrets[name as keyof HrisSecrets] : undefined;
    if (!credentials) {
      throw permanent('hris-credentials-missing', `the HR API secret has no "${name}" entry`);
    }
    const key = `${name}:${JSON.stringify(credentials)}`;
    let piece = built.get(key);
    if (piece === undefined) {
      piece = build(options.config.providers[name], credentials, options.deps);
      built.set(key, piece);
    }
    return piece;
  };
}
