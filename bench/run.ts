import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type } from 'node:os';
import { fileURLToPath } from 'node:url';
import { HEYMARKET_REQUESTS_PER_MINUTE } from '../infra/concurrency.js';
import { type BudgetRow, budgetLines } from './budgets.js';
import { type BundleSize, bundleSize } from './bundle-size.js';
import { burst } from './burst.js';
import { burstBudgets } from './burst-budgets.js';
import { buyerFigures, buyerLines } from './buyer-figures.js';
import { type ColdInit, coldInit } from './cold-init.js';
import { receiverFirstDelivery } from './first-delivery.js';
import { receiverThroughput } from './receiver-throughput.js';
import { compareWithPeer, type PeerComparison } from './receiver-vs-peer.js';
import { assertSameCommands } from './sdk-commands.js';
import { kb, peerRatioShown, receiverBudgets, startBudgets } from './start-budgets.js';
import { round } from './stats.js';
import { FUNCTIONS, synthAll } from './synth.js';
import { workerBudgets } from './worker-budgets.js';
import { workerEfficiency } from './worker-efficiency.js';

/**
 * `npm run bench`: the performance figures and their budgets, measured on the bundled artifacts of a
 * real synth, printed as a table and written to bench/results.json. Sizes and counts are exact;
 * timings depend on the machine and its load (recorded beside them).
 */
// Cold import: pairs of fresh-process imports, ours and the baseline back to back (cold-init.ts).
const COLD_PAIRS = Number(process.env.BENCH_COLD_PAIRS ?? 31);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 2_000);
// Ours against the minimal receiver: interleaved blocks of 50 deliveries after a warm-up long
// enough for the JIT to settle (the first ~1,000 deliveries cost up to 3× the later ones).
const PEER_BLOCKS = Number(process.env.BENCH_PEER_BLOCKS ?? 30);
const PEER_BLOCK_SIZE = 50;
const PEER_WARMUP = 1_000;
const EMPLOYEES = 1_000;
const CHANGES_PER_EMPLOYEE = 10;
const HEYMARKET_LATENCY_MS = 20;
const SMALL_CHUNK = 20;
const BURST_CHANGES = 50_000;
// The real burst (bench/burst.ts): changes per employee, and the share of requests answered 429.
const BURST_CHANGES_PER_EMPLOYEE = 5;
const BURST_SHARE_429 = 0.05;
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

const loadBefore = loadavg()[0] ?? 0;
const startedAt = new Date();

const bundles = synthAll();
try {
  const sizes = {} as Record<(typeof FUNCTIONS)[number], BundleSize>;
  const init = {} as Record<(typeof FUNCTIONS)[number], ColdInit>;
  for (const name of FUNCTIONS) {
    // A baseline that drifted from its function would flatter or penalise our cold import.
    assertSameCommands(name, bundles.ours.metafiles[name], bundles.baselineMetafiles[name]);
    sizes[name] = bundleSize(bundles.ours[name], bundles.ours.metafiles[name]);
    init[name] = coldInit(bundles.ours[name], bundles.baseline[name], COLD_PAIRS);
  }
  // Cold import leaves out what is built on first use; a sender meets import + first delivery.
  const firstDelivery = receiverFirstDelivery(bundles.ours.receiver, bundles.baseline.receiver, COLD_PAIRS);
  const receiver = await receiverThroughput(bundles.ours.receiver, { deliveries: DELIVERIES, warmup: 200 });
  const vsPeer = {} as Record<PeerComparison['transport'], PeerComparison>;
  for (const transport of ['loopback', 'stubbed'] as const) {
    vsPeer[transport] = await compareWithPeer(
      { ours: bundles.ours.receiver, peer: bundles.peer },
      { transport, blocks: PEER_BLOCKS, blockSize: PEER_BLOCK_SIZE, warmup: PEER_WARMUP },
    );
  }
  const budgets: BudgetRow[] = [
    ...startBudgets({ sizes, init, firstDelivery, pairs: COLD_PAIRS }),
    ...receiverBudgets(vsPeer),
  ];
  const worker = await workerEfficiency(bundles.ours, {
    employees: EMPLOYEES,
    changesPerEmployee: CHANGES_PER_EMPLOYEE,
    settings: bundles.settings,
    heymarketLatencyMs: HEYMARKET_LATENCY_MS,
    chunkSize: 50,
  });
  // Chunks smaller than a batch (so a batch needs several calls), and thin events read from an HR API.
  const workerScenarios = [
    worker,
    await workerEfficiency(bundles.ours, {
      employees: 200,
      changesPerEmployee: CHANGES_PER_EMPLOYEE,
      settings: bundles.settings,
      heymarketLatencyMs: HEYMARKET_LATENCY_MS,
      chunkSize: SMALL_CHUNK,
    }),
    await workerEfficiency(bundles.ours, {
      // Bursts of events per employee, as BambooHR sends them (created then updated, a field at a time).
      employees: 40,
      changesPerEmployee: 20,
      settings: bundles.settings,
      heymarketLatencyMs: HEYMARKET_LATENCY_MS,
      chunkSize: 50,
      thin: true,
    }),
  ];
  budgets.push(...workerBudgets(workerScenarios));
  const heymarketBurst = await burst(bundles.ours, {
    employees: BURST_CHANGES / BURST_CHANGES_PER_EMPLOYEE,
    changesPerEmployee: BURST_CHANGES_PER_EMPLOYEE,
    settings: bundles.settings,
    share429: BURST_SHARE_429,
    budgetPerMinute: HEYMARKET_REQUESTS_PER_MINUTE,
  });
  if (heymarketBurst.changes !== BURST_CHANGES)
    throw new Error(
      `bench: the burst queued ${heymarketBurst.changes} changes, not ${BURST_CHANGES}: its figures would not be the 50k burst's`,
    );
  budgets.push(...burstBudgets(heymarketBurst, HEYMARKET_REQUESTS_PER_MINUTE));
  const buyer = await buyerFigures(bundles.ours, worker, HEYMARKET_LATENCY_MS);
  const loadAfter = loadavg()[0] ?? 0;
  const cores = cpus().length;

  const lines: string[] = [];
  const section = (title: string) => lines.push('', title);
  const row = (...cells: (string | number)[]) =>
    lines.push(`  ${cells.map((cell, i) => String(cell).padEnd(i === 0 ? 40 : 14)).join('')}`);
  section(
    `Bundle size (minified ESM) and cold import in a fresh node (ms): ${COLD_PAIRS} pairs, order alternating, medians`,
  );
  row('function', 'bytes', 'size', 'init ours', 'baseline', 'ours-base', 'ratio (min–max)');
  for (const name of FUNCTIONS) {
    const i = init[name];
    row(
      name,
      sizes[name].bytes,
      kb(sizes[name].bytes),
      i.ourMs.toFixed(1),
      i.baselineMs.toFixed(1),
      i.differenceMs.toFixed(1),
      `${i.ratio.median.toFixed(2)} (${i.ratio.min.toFixed(2)}–${i.ratio.max.toFixed(2)})`,
    );
  }
  for (const name of FUNCTIONS) {
    lines.push(
      `  ${name} largest: ${sizes[name].packages.map((p) => `${p.name} ${kb(p.bytes)}`).join(', ')}`,
    );
  }
  section('Receiver: one delivery at a time, bundled, loopback SQS (202 checked)');
  row('provider', 'deliveries/s', 'p50 ms', 'p99 ms', 'CPU µs', 'CPU-bound/s', 'bare µs', 'ratio');
  for (const r of receiver) {
    row(
      r.provider,
      r.deliveriesPerSecond.toFixed(0),
      r.p50Ms.toFixed(2),
      r.p99Ms.toFixed(2),
      r.cpuUsPerDelivery.toFixed(0),
      r.cpuBoundDeliveriesPerSecond.toFixed(0),
      r.bareCpuUsPerDelivery.toFixed(1),
      r.overheadRatio.toFixed(0),
    );
  }
  section(
    `Receiver against a minimal one (bench/peer/receiver.ts: standardwebhooks + JSON.parse + SendMessage), CPU µs per Standard delivery, ${PEER_BLOCKS} interleaved blocks of ${PEER_BLOCK_SIZE}`,
  );
  row('transport', 'ours µs', 'peer µs', 'ours ÷ peer (median of pairs, min–max)');
  for (const c of Object.values(vsPeer)) {
    row(c.transport, c.oursCpuUs.toFixed(0), c.peerCpuUs.toFixed(0), peerRatioShown(c));
  }
  const calls = vsPeer.stubbed.callsPerDelivery;
  if (calls) {
    const list = (counts: Record<string, number>) =>
      Object.entries(counts)
        .map(([target, n]) => `${target.replace(/^.*\./, '')} ${n.toFixed(2)}`)
        .join(', ');
    lines.push(`  AWS calls per delivery: ours ${list(calls.ours)}; peer ${list(calls.peer)}`);
  }
  section('Budgets (issue 15)');
  lines.push(...budgetLines(budgets));
  section(
    `Worker: ${worker.changes} changes, ${EMPLOYEES} employees, batches of 50, ${worker.containers} containers, Heymarket +${HEYMARKET_LATENCY_MS} ms`,
  );
  row(
    'Heymarket calls',
    `${worker.heymarketCalls.total} (get ${worker.heymarketCalls.lookups}, update ${worker.heymarketCalls.updates})`,
  );
  row(
    'minimum',
    `${worker.minimumCalls.total} (get ${worker.minimumCalls.lookups}, update ${worker.minimumCalls.updates}); ratio ${worker.callsRatio.toFixed(2)}`,
  );
  for (const w of workerScenarios) {
    row(
      `${w.provider}, chunk ${w.chunkSize}`,
      `${w.changes} changes: get ${w.heymarketCalls.lookups} / floor ${w.minimumCalls.lookups}, update ${w.heymarketCalls.updates} / floor ${w.minimumCalls.updates}, HR reads ${w.hrReads.reads} / floor ${w.hrReads.floor}`,
    );
  }
  row(
    'secret fetches',
    `${worker.secretFetches} (minimum ${worker.minimumSecretFetches}: one per container per TTL)`,
  );
  row(
    'invocations',
    `${worker.invocations}, median ${worker.medianInvocationMs.toFixed(0)} ms; retried ${JSON.stringify(worker.retriedByReason)}`,
  );
  row(
    'changes applied/s',
    `${worker.changesAppliedPerSecond.toFixed(0)} (${worker.drainSeconds.toFixed(1)} s)`,
  );
  section(
    `Heymarket in a real burst (bench/burst.ts): ${heymarketBurst.changes} changes through the bundled receiver, ${heymarketBurst.workers} bundled workers and the scheduler, virtual time, ${BURST_SHARE_429 * 100}% of requests answered 429`,
  );
  const b = heymarketBurst;
  row('peak requests in any 60 s', `${b.peakRequestsPerMinute} (budget ${b.budgetPerMinute})`);
  row(
    'requests',
    `${b.requests.total} (get ${b.requests.lookups}, update ${b.requests.updates}, team ${b.requests.team}; scheduler ${b.requests.scheduler})`,
  );
  row(
    '429 answered',
    `${b.answered429.injected} injected, ${b.answered429.overLimit} over the limit; ${b.retriedAfter429} retried and answered`,
  );
  row(
    'changes applied',
    `${b.changesApplied} of ${b.changes}; ${b.lost} lost, ${b.completedAgain} completed twice, ${b.deadLetters} dead letters, ${b.wrongUsers} users in a wrong end state`,
  );
  row(
    'invocations',
    `worker ${b.invocations.worker}, reconcile ${b.invocations.reconcile}, redrive ${b.invocations.redrive}; retried ${JSON.stringify(b.retriedByReason)}`,
  );
  row('drain', `${(b.virtualDrainSeconds / 60).toFixed(1)} min virtual, ${b.wallSeconds.toFixed(0)} s wall`);
  lines.push(...buyerLines(buyer));
  const underLoad = Math.max(loadBefore, loadAfter) > cores * 0.5;
  lines.push(
    '',
    `  ${type()} ${cores}× ${cpus()[0]?.model ?? '?'}, node ${process.version}, load ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}${underLoad ? ' (timings taken under load)' : ''}`,
  );
  console.log(lines.join('\n'));

  const { invocationLog, ...workerFigures } = worker;
  const results = {
    date: startedAt.toISOString(),
    machine: {
      os: type(),
      cpus: cores,
      cpuModel: cpus()[0]?.model,
      memoryBytes: totalmem(),
      loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
      underLoad,
    },
    node: process.version,
    settings: {
      coldPairs: COLD_PAIRS,
      deliveries: DELIVERIES,
      peerBlocks: PEER_BLOCKS,
      peerBlockSize: PEER_BLOCK_SIZE,
      peerWarmup: PEER_WARMUP,
      employees: EMPLOYEES,
      changesPerEmployee: CHANGES_PER_EMPLOYEE,
      heymarketLatencyMs: HEYMARKET_LATENCY_MS,
      burstChanges: BURST_CHANGES,
    },
    bundles: sizes,
    coldInit: init,
    receiverFirstDelivery: firstDelivery,
    receiver,
    receiverVsPeer: vsPeer,
    budgets,
    worker: { ...workerFigures, invocationsSampled: invocationLog.length },
    workerScenarios: workerScenarios.map(({ invocationLog: _log, ...figures }) => figures),
    heymarketBurst,
    buyer,
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten to ${RESULTS}`);
} finally {
  rmSync(bundles.root, { recursive: true, force: true });
}
