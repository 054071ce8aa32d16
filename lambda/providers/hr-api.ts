import type * as z from 'zod/mini';
import type { Config } from '../config/schema.js';
import type { HrisSecrets } from '../config/secrets.js';
import type { ProviderName } from '../core/employee-change.js';
import { classify, permanent, SyncError } from '../core/errors.js';
import { bamboohrApi } from './bamboohr/api.js';
import { hibobApi } from './hibob/api.js';
import type { ApiProvider } from './index.js';
import { mergeApi } from './merge/api.js';
import { personioApi } from './personio/api.js';
import type { HrApi, SourceDeps } from './provider.js';

type ApiName = ApiProvider['name'];
type Descriptor<N extends ApiName> = Extract<ApiProvider, { name: N }>;

/**
 * The HR API of every registered provider that declares API credentials, for the worker and the
 * reconcile job. Kept apart from the registry (index.ts) so that the receiver's bundle carries none
 * of these clients: esbuild keeps every module an object literal names. Keyed by exactly those
 * names, so a provider with credentials and no line here (or a line here and no credentials) fails
 * the type check.
 */
export const hrApis: {
  readonly [N in ApiName]: HrApi<z.output<Descriptor<N>['settings']>, z.output<Descriptor<N>['credentials']>>;
} = {
  bamboohr: bamboohrApi,
  hibob: hibobApi,
  merge: mergeApi,
  personio: personioApi,
};

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
  /** The piece wanted of a provider's HR API. */
  piece: (api: HrApi) => Build<T>;
  /** Thrown for a provider that has no HR API. */
  unavailable: (provider: ProviderName) => SyncError;
}): (provider: ProviderName) => Promise<T> {
  const built = new Map<string, T>();
  return async (name) => {
    const api = Object.hasOwn(hrApis, name) ? (hrApis[name as ApiName] as HrApi) : undefined;
    if (!api) throw options.unavailable(name);
    const build = options.piece(api).bind(api);
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
