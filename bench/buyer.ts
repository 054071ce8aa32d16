import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { synthBundles } from '../test/support/synth-bundles.js';
import { buyerFigures, buyerLines } from './buyer-figures.js';
import { stackSettings } from './stack-settings.js';
import { round } from './stats.js';
import { workerEfficiency } from './worker-efficiency.js';

/**
 * `npx tsx bench/buyer.ts`: only the buyer's figures (latency, cost, throughput limit) and the worker
 * run they take calls per change from, merged into bench/results.json as `buyer`, its own date and
 * load beside it (`npm run bench` measures everything, these included).
 */
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const HEYMARKET_LATENCY_MS = 20;
const loadBefore = loadavg()[0] ?? 0;
const date = new Date().toISOString();
const bundles = synthBundles();
try {
  const settings = stackSettings(bundles.outdir, bundles);
  const worker = await workerEfficiency(bundles, {
    employees: 1_000,
    changesPerEmployee: 10,
    settings,
    heymarketLatencyMs: HEYMARKET_LATENCY_MS,
    chunkSize: 50,
  });
  const buyer = await buyerFigures(bundles, worker, HEYMARKET_LATENCY_MS);
  const loadAfter = loadavg()[0] ?? 0;
  console.log(buyerLines(buyer).join('\n'));
  const results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
  results.buyer = {
    ...buyer,
    run: {
      date,
      partial: true,
      loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
      underLoad: Math.max(loadBefore, loadAfter) > cpus().length * 0.5,
    },
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten to ${RESULTS} (buyer only)`);
} finally {
  rmSync(bundles.outdir, { recursive: true, force: true });
}
