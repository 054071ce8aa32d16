import type { Config } from '../config/schema.js';
import type { HeymarketSecret, HrisSecrets } from '../config/secrets.js';
import { permanent } from '../core/errors.js';
import type { ChangeQueue, ReconcileStateStore } from '../core/ports.js';
import { createHeymarketClient } from '../heymarket/client.js';
import type { Log } from '../observability/log.js';
import type { Metrics } from '../observability/metrics.js';
import { hrApiBuilder } from '../providers/hr-api.js';
import type { ReconcileDeps } from './reconcile-run.js';

export interface ReconcileWiring {
  config: Config;
  heymarketBaseUrl: string;
  heymarketSecret: (options: { forceRefresh: boolean }) => Promise<HeymarketSecret>;
  hrisSecrets: () => Promise<HrisSecrets>;
  queue: ChangeQueue;
  state?: ReconcileStateStore | undefined;
  log: Log;
  metrics?: Metrics | undefined;
  now?: () => number;
  /** Waits between retries and for the rate budget; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** This host's share of Heymarket's 500 requests a minute (heymarket/rate-budget.ts); unset: none. */
  rateLimit?: { perMinute: number; burst: number };
}

/**
 * The reconcile job's adapters, the same for the scheduler function and `hr-sync reconcile`: the
 * Heymarket client (users/get only is used) and each provider's list API, built from the HR-system
 * secret when the run reaches that provider.
 */
export function reconcileDeps(wiring: ReconcileWiring): ReconcileDeps {
  const { config, log, metrics } = wiring;
  const now = wiring.now ?? Date.now;
  const sleep = wiring.sleep;
  const timing = sleep ? { now, sleep } : { now };
  const heymarket = createHeymarketClient({
    baseUrl: wiring.heymarketBaseUrl,
    credentials: wiring.heymarketSecret,
    chunkSize: config.heymarket.chunkSize,
    ...(wiring.rateLimit ? { rateLimit: wiring.rateLimit } : {}),
    log,
    metrics,
    ...timing,
  });
  return {
    config,
    heymarket,
    queue: wiring.queue,
    state: wiring.state,
    log,
    metrics,
    now,
    lister: hrApiBuilder({
      config,
      credentials: wiring.hrisSecrets,
      deps: { ...timing, log },
      piece: (api) => api.lister,
      unavailable: (provider) =>
        permanent('list-unavailable', `provider ${provider} has no API to list employees from`),
    }),
  };
}
