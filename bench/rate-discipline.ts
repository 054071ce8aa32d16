import type { Invocation } from './worker-efficiency.js';

export interface RateScenario {
  name: string;
  /** Heymarket latency per call: `measured` keeps each call's measured latency. */
  heymarketLatencyMs: number | 'measured';
  invocations: number;
  virtualSeconds: number;
  peakRequestsPerMinute: number;
  withinBudget: boolean;
}

/**
 * A burst of `changes` changes drained in virtual time. The model: at most `maxConcurrency`
 * invocations at once (the event source's cap), each starting the moment a slot is free (a backlog,
 * so no batching window and no poll gap: the worst case); the invocations are the measured ones of
 * the worker-efficiency run, replayed in order and cycled until their records cover the burst. Each
 * keeps its measured time outside Heymarket, half before its first call (parse, claim) and half after
 * its last (release, visibility), and makes its measured Heymarket calls one after another, each
 * taking the measured latency or the scenario's. A request counts at the moment it is sent; the peak
 * is the most requests in any sliding 60 s window.
 */
export function simulateBurst(options: {
  changes: number;
  maxConcurrency: number;
  measured: readonly Invocation[];
  heymarketLatencyMs: number | 'measured';
  budgetPerMinute: number;
  name: string;
}): RateScenario {
  const { measured, maxConcurrency } = options;
  if (measured.length === 0) throw new Error('bench: no measured invocations to replay');
  const slots = Array.from({ length: maxConcurrency }, () => 0);
  const sent: number[] = [];
  let covered = 0;
  let invocations = 0;
  while (covered < options.changes) {
    const invocation = measured[invocations % measured.length] as Invocation;
    invocations += 1;
    covered += invocation.records;
    const slot = slots.indexOf(Math.min(...slots));
    const start = slots[slot] as number;
    const calls = invocation.heymarketMs.map((ms) =>
      options.heymarketLatencyMs === 'measured' ? ms : options.heymarketLatencyMs,
    );
    const outside = Math.max(0, invocation.durationMs - invocation.heymarketMs.reduce((a, b) => a + b, 0));
    let at = start + outside / 2;
    for (const latency of calls) {
      sent.push(at);
      at += latency;
    }
    slots[slot] = at + outside / 2;
  }
  sent.sort((a, b) => a - b);
  let peak = 0;
  for (let first = 0, last = 0; last < sent.length; last += 1) {
    while ((sent[first] as number) <= (sent[last] as number) - 60_000) first += 1;
    peak = Math.max(peak, last - first + 1);
  }
  return {
    name: options.name,
    heymarketLatencyMs: options.heymarketLatencyMs,
    invocations,
    virtualSeconds: Math.max(...slots) / 1000,
    peakRequestsPerMinute: peak,
    withinBudget: peak <= options.budgetPerMinute,
  };
}
