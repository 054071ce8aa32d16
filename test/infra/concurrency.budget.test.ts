import { describe, expect, it } from 'vitest';
import {
  HEYMARKET_REQUESTS_PER_CALL,
  HEYMARKET_REQUESTS_PER_MINUTE,
  heymarketRequestsPerInvocation,
  limitedPeakPerMinute,
  MIN_INVOCATION_SECONDS,
  maxConcurrencyFor,
  peakRequestsPerMinute,
} from '../../infra/concurrency.js';
import { synthStack } from './synth-template.js';

describe('worker concurrency from the Heymarket budget', () => {
  it('counts a users/get and a users/update per chunk, each at its full retry cost', () => {
    expect(HEYMARKET_REQUESTS_PER_CALL).toBe(4);
    expect(heymarketRequestsPerInvocation({ batchSize: 50, chunkSize: 50, requestsPerCall: 4 })).toBe(8);
    expect(heymarketRequestsPerInvocation({ batchSize: 50, chunkSize: 20, requestsPerCall: 4 })).toBe(24);
    expect(heymarketRequestsPerInvocation({ batchSize: 50, chunkSize: 500, requestsPerCall: 1 })).toBe(2);
  });

  it('allows 2 workers for batch 50, chunk 50: 8 requests per ≥ 2 s invocation is 240/min each', () => {
    const requestsPerInvocation = heymarketRequestsPerInvocation({
      batchSize: 50,
      chunkSize: 50,
      requestsPerCall: HEYMARKET_REQUESTS_PER_CALL,
    });
    const maxConcurrency = maxConcurrencyFor({
      budgetPerMinute: HEYMARKET_REQUESTS_PER_MINUTE,
      requestsPerInvocation,
      minInvocationSeconds: MIN_INVOCATION_SECONDS,
    });
    expect(maxConcurrency).toBe(2);
    const peak = peakRequestsPerMinute({
      maxConcurrency,
      requestsPerInvocation,
      minInvocationSeconds: MIN_INVOCATION_SECONDS,
    });
    expect(peak).toBe(480);
    expect(peak).toBeLessThanOrEqual(HEYMARKET_REQUESTS_PER_MINUTE);
  });

  it('rounds down, so the peak stays within the budget whenever the budget allows more than 2', () => {
    expect(
      maxConcurrencyFor({ budgetPerMinute: 500, requestsPerInvocation: 2, minInvocationSeconds: 2 }),
    ).toBe(8);
    expect(
      peakRequestsPerMinute({ maxConcurrency: 8, requestsPerInvocation: 2, minInvocationSeconds: 2 }),
    ).toBe(480);
  });

  it("never goes below Lambda's minimum of 2 nor above its maximum of 1000", () => {
    expect(
      maxConcurrencyFor({ budgetPerMinute: 500, requestsPerInvocation: 60, minInvocationSeconds: 1 }),
    ).toBe(2);
    expect(
      maxConcurrencyFor({ budgetPerMinute: 1e9, requestsPerInvocation: 1, minInvocationSeconds: 60 }),
    ).toBe(1000);
  });

  it('refuses inputs that are not positive', () => {
    expect(() =>
      maxConcurrencyFor({ budgetPerMinute: 500, requestsPerInvocation: 0, minInvocationSeconds: 2 }),
    ).toThrow(RangeError);
  });
});

describe('the Heymarket rate budget, held by token buckets', () => {
  it('keeps workers, scheduler and fresh containers together under 500 requests in any minute', () => {
    const { template } = synthStack();
    const [mapping] = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
    const maxConcurrency = mapping?.Properties.ScalingConfig.MaximumConcurrency as number;
    expect(limitedPeakPerMinute({ maxConcurrency, containersPerMinute: 8 })).toBeLessThanOrEqual(
      HEYMARKET_REQUESTS_PER_MINUTE,
    );
  });
});
