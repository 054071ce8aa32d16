/**
 * What bounds sustained throughput: Heymarket's requests a minute, of which the workers may use
 * their share (each worker container's token bucket, lambda/heymarket/rate-budget.ts), divided by
 * the Heymarket calls a change costs in a backlog (full batches, as the bench measures them).
 */
export interface ThroughputLimit {
  heymarketPerMinute: number;
  /** maxConcurrency × the worker's share: what the workers' token buckets let through. */
  workerRequestsPerMinute: number;
  heymarketCallsPerChange: number;
  changesPerMinute: number;
  backlogChanges: number;
  /** The shortest drain the rate budget allows: a floor, whatever the hardware. */
  backlogDrainMinutes: number;
  /** The drain the bench measured on this machine (changes/min), for comparison. */
  measuredChangesPerMinute: number;
  measuredDrainMinutes: number;
  /** Which of the two is lower: the rate budget, or this machine's worker run. */
  boundBy: 'Heymarket rate budget' | 'worker run on this machine';
}

export function throughputLimit(options: {
  heymarketPerMinute: number;
  workerSharePerMinute: number;
  maxConcurrency: number;
  heymarketCalls: number;
  changes: number;
  measuredChangesPerSecond: number;
  backlogChanges: number;
}): ThroughputLimit {
  if (options.changes <= 0 || options.heymarketCalls <= 0)
    throw new Error('bench: the throughput limit needs a run that changed users');
  const workerRequestsPerMinute = Math.min(
    options.heymarketPerMinute,
    options.maxConcurrency * options.workerSharePerMinute,
  );
  const heymarketCallsPerChange = options.heymarketCalls / options.changes;
  const changesPerMinute = workerRequestsPerMinute / heymarketCallsPerChange;
  const measuredChangesPerMinute = options.measuredChangesPerSecond * 60;
  return {
    heymarketPerMinute: options.heymarketPerMinute,
    workerRequestsPerMinute,
    heymarketCallsPerChange,
    changesPerMinute,
    backlogChanges: options.backlogChanges,
    backlogDrainMinutes: options.backlogChanges / changesPerMinute,
    measuredChangesPerMinute,
    measuredDrainMinutes: options.backlogChanges / measuredChangesPerMinute,
    boundBy:
      changesPerMinute <= measuredChangesPerMinute ? 'Heymarket rate budget' : 'worker run on this machine',
  };
}
