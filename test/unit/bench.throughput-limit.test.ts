import { describe, expect, it } from 'vitest';
import { throughputLimit } from '../../bench/throughput-limit.js';

const base = {
  heymarketPerMinute: 500,
  workerSharePerMinute: 200,
  maxConcurrency: 2,
  heymarketCalls: 400,
  changes: 10_000,
  measuredChangesPerSecond: 250,
  backlogChanges: 50_000,
};

describe('the throughput limit', () => {
  it('is the workers’ share of Heymarket’s budget divided by the calls a change costs', () => {
    const limit = throughputLimit(base);
    expect(limit.workerRequestsPerMinute).toBe(400);
    expect(limit.heymarketCallsPerChange).toBe(0.04);
    expect(limit.changesPerMinute).toBeCloseTo(10_000, 9);
    expect(limit.backlogDrainMinutes).toBeCloseTo(5, 9);
    expect(limit.measuredChangesPerMinute).toBe(15_000);
    expect(limit.measuredDrainMinutes).toBeCloseTo(50_000 / 15_000, 9);
    expect(limit.boundBy).toBe('Heymarket rate budget');
  });

  it('never lets the workers’ share exceed Heymarket’s own limit', () => {
    expect(throughputLimit({ ...base, maxConcurrency: 4 }).workerRequestsPerMinute).toBe(500);
  });

  it('names this machine as the bound when its measured drain is slower than the budget allows', () => {
    expect(throughputLimit({ ...base, measuredChangesPerSecond: 100 }).boundBy).toBe(
      'worker run on this machine',
    );
  });

  it('refuses a run that made no Heymarket calls', () => {
    expect(() => throughputLimit({ ...base, heymarketCalls: 0 })).toThrow(/changed users/);
  });
});
