import { HEYMARKET_REQUESTS_PER_MINUTE } from '../infra/concurrency.js';
import { WORKER_SHARE_PER_MINUTE } from '../lambda/heymarket/rate-budget.js';
import { AWS_PRICES } from './aws-prices.js';
import { type CostPer10k, costPer10k } from './cost.js';
import { type LatencyAtRate, latencyAtRates, type RatePhase } from './latency.js';
import { type StackSettings, stackSettings } from './stack-settings.js';
import { type ThroughputLimit, throughputLimit } from './throughput-limit.js';
import type { WorkerFigures } from './worker-efficiency.js';

/**
 * 1, 10 and 100 changes a second, long enough for a p99 at the higher rates while the three stay
 * under a minute of wall time; BENCH_LATENCY_SCALE lengthens (or shortens) every phase.
 */
const SCALE = Number(process.env.BENCH_LATENCY_SCALE ?? 1);
export const LATENCY_PHASES: readonly RatePhase[] = [
  { changesPerSecond: 1, seconds: Math.round(12 * SCALE) },
  { changesPerSecond: 10, seconds: Math.round(8 * SCALE) },
  { changesPerSecond: 100, seconds: Math.round(6 * SCALE) },
];
export const BACKLOG_CHANGES = 50_000;

export interface BuyerFigures {
  settings: StackSettings;
  heymarketLatencyMs: number;
  latency: Omit<LatencyAtRate, 'usage'>[];
  cost: {
    region: string;
    regionName: string;
    pricesTakenOn: string;
    pages: Record<string, string>;
    byRate: ({ changesPerSecond: number; usage: LatencyAtRate['usage'] } & CostPer10k)[];
  };
  throughput: ThroughputLimit;
}

/** The figures a buyer asks for: latency at three rates, cost per 10,000 changes, the throughput limit. */
export async function buyerFigures(
  bundles: { receiver: string; worker: string; outdir: string },
  worker: Pick<WorkerFigures, 'heymarketCalls' | 'changes' | 'changesAppliedPerSecond'>,
  heymarketLatencyMs: number,
): Promise<BuyerFigures> {
  const settings = stackSettings(bundles.outdir, bundles);
  const runs = await latencyAtRates(bundles, settings, { phases: LATENCY_PHASES, heymarketLatencyMs });
  return {
    settings,
    heymarketLatencyMs,
    latency: runs.map(({ usage, ...figures }) => figures),
    cost: {
      region: AWS_PRICES.region,
      regionName: AWS_PRICES.regionName,
      pricesTakenOn: AWS_PRICES.takenOn,
      pages: AWS_PRICES.pages,
      byRate: runs.map((run) => ({
        changesPerSecond: run.changesPerSecond,
        usage: run.usage,
        ...costPer10k(run.usage, settings),
      })),
    },
    throughput: throughputLimit({
      heymarketPerMinute: HEYMARKET_REQUESTS_PER_MINUTE,
      workerSharePerMinute: WORKER_SHARE_PER_MINUTE,
      maxConcurrency: settings.maxConcurrency,
      heymarketCalls: worker.heymarketCalls.total,
      changes: worker.changes,
      measuredChangesPerSecond: worker.changesAppliedPerSecond,
      backlogChanges: BACKLOG_CHANGES,
    }),
  };
}

/** The figures as the bench prints them. */
export function buyerLines(figures: BuyerFigures): string[] {
  const { settings, throughput: t } = figures;
  const lines = [
    '',
    `End to end, 202 → Heymarket updated, one change per delivery, batches of ${settings.batchSize} with a ${settings.batchingWindowSeconds} s window, ${settings.maxConcurrency} workers (the batching delay is in the figure), Heymarket +${figures.heymarketLatencyMs} ms`,
    `  ${'changes/s'.padEnd(12)}${'achieved'.padEnd(12)}${'changes'.padEnd(10)}${'p50 ms'.padEnd(10)}${'p99 ms'.padEnd(10)}${'batch'.padEnd(8)}$ / 10k changes`,
  ];
  figures.latency.forEach((run, i) => {
    const cost = figures.cost.byRate[i] as CostPer10k;
    lines.push(
      `  ${String(run.changesPerSecond).padEnd(12)}${run.achievedPerSecond.toFixed(1).padEnd(12)}${String(run.changes).padEnd(10)}${run.p50Ms.toFixed(0).padEnd(10)}${run.p99Ms.toFixed(0).padEnd(10)}${run.meanBatch.toFixed(1).padEnd(8)}${cost.totalUsd.toFixed(4)}`,
    );
  });
  lines.push(
    `  AWS list prices, ${figures.cost.region}, as published on ${figures.cost.pricesTakenOn} (bench/aws-prices.ts)`,
    '',
    `Throughput: Heymarket ${t.heymarketPerMinute}/min, the workers' share ${t.workerRequestsPerMinute}/min, ${t.heymarketCallsPerChange.toFixed(4)} calls per change in a backlog`,
    `  at most ${Math.round(t.changesPerMinute).toLocaleString('en-US')} changes/min; ${t.backlogChanges.toLocaleString('en-US')} changes drain in ≥ ${t.backlogDrainMinutes.toFixed(1)} min (this machine: ${Math.round(t.measuredChangesPerMinute).toLocaleString('en-US')}/min, ${t.measuredDrainMinutes.toFixed(1)} min; bound: ${t.boundBy})`,
  );
  return lines;
}
