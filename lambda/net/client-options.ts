import type { Log } from '../observability/log.js';
import type { RetryPolicy } from './retry.js';

/** What every outbound client takes besides its settings: the log, and what the tests replace. */
export interface CallerDeps {
  log: Pick<Log, 'info' | 'warn'>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), like `Math.random`: the retry jitter. */
  random?: () => number;
  connectTimeoutMs?: number;
  totalTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

/** What every HR API client takes: its settings and credentials, plus what the tests replace. */
export interface ApiClientOptions<S, C> extends CallerDeps {
  settings: S;
  credentials: C;
  log: Log;
}
