import type { ProviderName } from '../core/employee-change.js';
import type { Log } from '../observability/log.js';
import type { Metrics } from '../observability/metrics.js';
import { type IgnoredCode, isUnusable } from '../providers/index.js';

/**
 * A verified delivery acknowledged (200) and dropped is never dropped silently: logged with its code
 * (the reason text holds an event name at most, never a value from the body) and counted by code,
 * as `EventsUnusable` (alarmed) when it was about an employee and could not be used, else as
 * `DeliveriesIgnored`.
 */
export function noteIgnored(
  ignored: { code: IgnoredCode; reason: string },
  provider: ProviderName,
  deps: { log: Log; metrics?: Metrics | undefined },
): void {
  const unusable = isUnusable(ignored.code);
  const attributes = { provider, status: 200, code: ignored.code, reason: ignored.reason };
  if (unusable) deps.log.warn('delivery ignored', attributes);
  else deps.log.info('delivery ignored', attributes);
  const dimension = { name: 'reason', value: ignored.code } as const;
  deps.metrics?.count(unusable ? 'EventsUnusable' : 'DeliveriesIgnored', 1, dimension);
}
