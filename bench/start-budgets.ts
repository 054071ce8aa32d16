import { atLeast, atMost, type BudgetRow } from './budgets.js';
import type { BundleSize } from './bundle-size.js';
import type { ColdInit } from './cold-init.js';
import type { FirstDelivery } from './first-delivery.js';
import type { PeerComparison, Transport } from './receiver-vs-peer.js';
import { FUNCTIONS, type FunctionName } from './synth.js';

// Issue 15's budgets. Bundles: minified size. Cold import: ours ÷ a baseline that imports the same
// SDK clients and commands and nothing of ours (bench/baseline/). Receiver: CPU per delivery against
// the minimal receiver (bench/peer/receiver.ts), and deliveries a second per core.
const BUNDLE_BUDGET_KB: Record<FunctionName, number> = { receiver: 250, worker: 300, scheduler: 300 };
const COLD_IMPORT_RATIO_BUDGET = 1.2;
const CPU_RATIO_BUDGET = 1.0;
const DELIVERIES_PER_CORE_BUDGET = 3_000;

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** `1.199 × (0.84–1.79)`: three decimals, since at the budget's edge 1.20 could read as a pass. */
const spreadShown = (ratio: { median: number; min: number; max: number }, digits = 3) =>
  `${ratio.median.toFixed(digits)} × (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`;

export const peerRatioShown = (c: PeerComparison) => spreadShown(c.ratio, 2);

/** Bundle size and cold start, per function. */
export function startBudgets(figures: {
  sizes: Record<FunctionName, BundleSize>;
  init: Record<FunctionName, ColdInit>;
  firstDelivery: FirstDelivery;
  pairs: number;
}): BudgetRow[] {
  const { sizes, init, firstDelivery, pairs } = figures;
  return [
    ...FUNCTIONS.map((name) =>
      atMost(
        `${name} bundle (minified ESM, 1 KB = 1,024 bytes)`,
        sizes[name].bytes / 1024,
        BUNDLE_BUDGET_KB[name],
        ' KB',
        kb(sizes[name].bytes),
        0,
      ),
    ),
    ...FUNCTIONS.map((name) =>
      atMost(
        `${name} cold import ÷ SDK-only baseline (${pairs} pairs)`,
        init[name].ratio.median,
        COLD_IMPORT_RATIO_BUDGET,
        ' ×',
        spreadShown(init[name].ratio),
      ),
    ),
    atMost(
      `receiver cold start (import + first delivery) ÷ SDK-only baseline's (${firstDelivery.pairs} pairs, transport stubbed)`,
      firstDelivery.ratio.median,
      COLD_IMPORT_RATIO_BUDGET,
      ' ×',
      spreadShown(firstDelivery.ratio),
    ),
  ];
}

/** The receiver against the minimal one, and its deliveries a second per core. */
export function receiverBudgets(vsPeer: Record<Transport, PeerComparison>): BudgetRow[] {
  return [
    ...(['loopback', 'stubbed'] as const).map((transport) =>
      atMost(
        `receiver CPU per delivery ÷ minimal receiver (${transport === 'loopback' ? 'loopback SQS' : 'transport stubbed'})`,
        vsPeer[transport].ratio.median,
        CPU_RATIO_BUDGET,
        ' × peer',
        peerRatioShown(vsPeer[transport]),
      ),
    ),
    ...vsPeer.stubbed.providers.map((p) =>
      atLeast(
        `deliveries/s/core, ${p.provider} (transport stubbed)`,
        p.deliveriesPerSecondPerCore,
        DELIVERIES_PER_CORE_BUDGET,
        `${p.deliveriesPerSecondPerCore.toFixed(0)} (${p.cpuUs.toFixed(0)} µs)`,
      ),
    ),
  ];
}
