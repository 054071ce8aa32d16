import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BurstFigures, burst } from '../../bench/burst.js';
import { stackSettings } from '../../bench/stack-settings.js';
import { HEYMARKET_REQUESTS_PER_MINUTE } from '../../infra/concurrency.js';
import { type Bundles, synthBundles } from '../support/synth-bundles.js';

// Chunks of 5 users: 2,000 changes cost some 800 requests, enough that the workers and the
// scheduler would pass 500 in a minute were their rate limiters not holding them back.
const CHANGES = { employees: 400, changesPerEmployee: 5 };
const CHUNK = 5;
const SHARE_429 = 0.1;

/**
 * The small version of `npm run bench`'s 50k burst (bench/burst.ts): the bundled receiver, workers
 * (as many as the event source's MaximumConcurrency, each its own module instance) and scheduler,
 * in virtual time, against a fake Heymarket that answers 429 beyond 500 requests a minute and to a
 * tenth of the rest.
 */
describe('a burst of 2,000 changes against a Heymarket that answers some 429s', () => {
  let bundles: Bundles;
  let figures: BurstFigures;

  beforeAll(async () => {
    bundles = synthBundles();
    figures = await burst(bundles, {
      ...CHANGES,
      settings: stackSettings(bundles.outdir, bundles),
      share429: SHARE_429,
      chunkSize: CHUNK,
      budgetPerMinute: HEYMARKET_REQUESTS_PER_MINUTE,
    });
  }, 300_000);

  afterAll(() => rmSync(bundles.outdir, { recursive: true, force: true }));

  it('completes every change sent exactly once, loses none and leaves every user as the newest changes say', () => {
    expect(figures.changes).toBe(2_000);
    expect(figures.changesApplied).toBe(2_000);
    expect(figures.lost).toBe(0);
    expect(figures.completedAgain).toBe(0);
    expect(figures.deadLetters).toBe(0);
    expect(figures.wrongUsers).toBe(0);
  });

  it('never sends Heymarket more than 500 requests in any sliding minute, retries and the scheduler included', () => {
    expect(figures.requests.total).toBeGreaterThan(HEYMARKET_REQUESTS_PER_MINUTE);
    expect(figures.requests.scheduler).toBeGreaterThan(0);
    expect(figures.peakRequestsPerMinute).toBeLessThanOrEqual(HEYMARKET_REQUESTS_PER_MINUTE);
    expect(figures.answered429.overLimit).toBe(0);
  });

  it('sends again every request Heymarket answered 429', () => {
    expect(figures.answered429.injected).toBeGreaterThan(0);
    expect(figures.retriedAfter429).toBe(figures.answered429.injected + figures.answered429.overLimit);
  });

  it('runs the reconcile during the burst and the workers as the event source would', () => {
    expect(figures.invocations.reconcile).toBe(1);
    expect(figures.invocations.worker).toBeGreaterThanOrEqual(2_000 / 50);
  });
});
