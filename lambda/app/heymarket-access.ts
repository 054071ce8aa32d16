import type { Config } from '../config/schema.js';
import type { HeymarketSecret } from '../config/secrets.js';
import type { HeymarketUsers } from '../core/ports.js';
import { createHeymarketClient } from '../heymarket/client.js';
import type { Log } from '../observability/log.js';
import type { Metrics } from '../observability/metrics.js';

/** Where a host's Heymarket is and how it signs in: what each host hands the app (lambda/app/). */
export interface HeymarketAccess {
  /** `https://api.heymarket.com`, the local sandbox's URL, or a test's fake. */
  baseUrl: string;
  /** The API secret; `forceRefresh` after a 401 (rotation). */
  credentials: (options: { forceRefresh: boolean }) => Promise<HeymarketSecret>;
  /** This host's share of Heymarket's 500 requests a minute (lambda/heymarket/rate-budget.ts); unset: none. */
  rateLimit?: { perMinute: number; burst: number } | undefined;
}

/** The Heymarket client every service of a host uses, from its access and the config's chunk size. */
export function heymarketClient(
  access: HeymarketAccess,
  deps: {
    config: Config;
    log: Log;
    metrics?: Metrics | undefined;
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
  },
): HeymarketUsers {
  const { config, ...rest } = deps;
  return createHeymarketClient({ ...access, chunkSize: config.heymarket.chunkSize, ...rest });
}
