#!/usr/bin/env node
// Writes docs/output/performance.md and the generated sections of docs/architecture.md and
// docs/cost.md (between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`) from
// bench/results.json (written by `npm run bench`), so no figure is typed by hand. Run
// `node docs/output/performance.mjs` after a new benchmark; `--check` writes nothing and fails when a
// document differs from what results.json gives; `--root DIR` reads and writes under DIR instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const check = args.includes('--check');
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? args[rootAt + 1] : fileURLToPath(new URL('../..', import.meta.url));
const results = JSON.parse(readFileSync(join(root, 'bench/results.json'), 'utf8'));
// 1 KB = 1,024 bytes, as the bench and test/infra/bundle.test.ts count.
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(1)} ms`;
const whole = (value) => Math.round(value).toLocaleString('en-US');

const lines = [
  '<!-- written by docs/output/performance.mjs from bench/results.json; do not edit by hand -->',
  '',
  `Measured ${results.date.slice(0, 10)} on ${results.machine.cpus} cores (${results.machine.cpuModel}), Node.js ${results.node}` +
    `${results.machine.underLoad ? ', under load from other work' : ''}.`,
  '',
  `Cold import: ${results.coldInit.receiver.pairs} pairs of fresh \`node\` processes importing the bundle and a baseline that imports the same AWS SDK clients and commands and nothing of ours (bench/baseline/), back to back, the order alternating; medians, and the median of the per-pair ratios with its range.`,
  '',
  '| function | bundle | cold import | the same SDK clients alone | our own cost | ours ÷ SDK alone (min–max) |',
  '|---|---|---|---|---|---|',
];
for (const name of ['receiver', 'worker', 'scheduler']) {
  const cold = results.coldInit[name];
  lines.push(
    `| ${name} | ${kb(results.bundles[name].bytes)} | ${ms(cold.ourMs)} | ${ms(cold.baselineMs)} | +${ms(cold.differenceMs)} | ${cold.ratio.median.toFixed(3)} (${cold.ratio.min.toFixed(2)}–${cold.ratio.max.toFixed(2)}) |`,
  );
}
const first = results.receiverFirstDelivery;
lines.push(
  '',
  `The receiver's cold start as a sender meets it, import and the first Standard delivery (what is built on first use included), with the SDK's transport answered in-process: ${ms(first.ourMs)} against ${ms(first.baselineMs)} for the baseline's import and first call of each command, ${first.ratio.median.toFixed(3)} × (${first.ratio.min.toFixed(2)}–${first.ratio.max.toFixed(2)}) over ${first.pairs} pairs.`,
);
// What the bundles are made of, from the ten largest packages of each (esbuild's metafile).
const isSdk = (name) => /^@(aws-sdk|smithy|aws)\//.test(name);
const isPowertools = (name) => name.startsWith('@aws-lambda-powertools/');
const share = (name, test) =>
  results.bundles[name].packages.filter((p) => test(p.name)).reduce((sum, p) => sum + p.bytes, 0);
lines.push(
  '',
  'What each bundle is made of (its ten largest packages):',
  '',
  '| function | AWS SDK | zod | Powertools | our code |',
  '|---|---|---|---|---|',
  ...['receiver', 'worker', 'scheduler'].map(
    (name) =>
      `| ${name} | ${kb(share(name, isSdk))} | ${kb(share(name, (n) => n === 'zod'))} | ${kb(share(name, isPowertools))} | ${kb(share(name, (n) => n === '(our code)'))} |`,
  ),
);
const calls = results.receiverVsPeer.stubbed.callsPerDelivery;
const callList = (counts) =>
  Object.entries(counts)
    .map(([target, n]) => `${n} ${target.replace(/^.*\./, '')}`)
    .join(', ');
if (calls) {
  lines.push(
    '',
    `AWS calls per Standard delivery: ours ${callList(calls.ours)}; the minimal receiver ${callList(calls.peer)}.`,
  );
}
lines.push(
  '',
  'The performance budgets, as `npm run bench` printed them (sizes and counts are exact; ratios are medians of paired runs):',
  '',
  '| figure | measured | budget | holds |',
  '|---|---|---|---|',
  ...results.budgets.map(
    (row) => `| ${row.figure} | ${row.shown} | ${row.budget} | ${row.pass ? 'yes' : '**no**'} |`,
  ),
);
lines.push(
  '',
  `Receiver, ${whole(results.settings.deliveries)} deliveries per provider against a loopback SQS:`,
  '',
  '| provider | body | p50 | p99 | deliveries/s | CPU per delivery | of which verify + parse |',
  '|---|---|---|---|---|---|---|',
);
for (const run of results.receiver) {
  lines.push(
    `| ${run.provider} | ${run.bodyBytes} B | ${ms(run.p50Ms)} | ${ms(run.p99Ms)} | ${whole(run.deliveriesPerSecond)} | ${(run.cpuUsPerDelivery / 1000).toFixed(2)} ms | ${run.bareCpuUsPerDelivery.toFixed(1)} µs |`,
  );
}
const w = results.worker;
lines.push(
  '',
  `Worker: ${whole(w.changes)} changes over ${whole(w.employees)} employees, ${w.containers} containers, Heymarket answering in ${w.heymarketLatencyMs} ms: ` +
    `${w.heymarketCalls.total} Heymarket calls against a minimum of ${w.minimumCalls.total} (ratio ${w.callsRatio.toFixed(2)}), ` +
    `${w.secretFetches} secret fetches, ${whole(w.changesAppliedPerSecond)} changes applied a second, median invocation ${ms(w.medianInvocationMs)}.`,
  '',
  '',
);
const hb = results.heymarketBurst;
lines.push(
  `Rate, measured: a burst of ${whole(hb.changes)} changes through the bundled receiver, ${hb.workers} bundled workers (the queue's maximum concurrency, each with its own rate limiter) and the scheduler (a reconcile and the hourly redrive), in virtual time, against a fake Heymarket that answers ${whole(hb.answered429.injected)} requests with 429 on top of any over its ${hb.budgetPerMinute} a minute. The fake counts every request it receives, the 429-answered ones included.`,
  '',
  '| figure | measured |',
  '|---|---|',
  `| most requests in any 60 s | ${hb.peakRequestsPerMinute} (budget ${hb.budgetPerMinute}) |`,
  `| requests | ${whole(hb.requests.total)}: ${whole(hb.requests.lookups)} \`users/get\`, ${whole(hb.requests.updates)} \`users/update\`, ${whole(hb.requests.team)} \`GET /v1/team\`; ${whole(hb.requests.scheduler)} of them the scheduler's |`,
  `| answered 429 | ${whole(hb.answered429.injected)} injected, ${whole(hb.answered429.overLimit)} for going over the limit; ${whole(hb.retriedAfter429)} retried and answered |`,
  `| changes applied | ${whole(hb.changesApplied)} of ${whole(hb.changes)}: ${hb.lost} lost, ${hb.deadLetters} dead letters |`,
  `| drained in | ${(hb.virtualDrainSeconds / 60).toFixed(1)} minutes (virtual) |`,
);
lines.push('');
const b = results.buyer;
const generated = buyerSections(b);
lines.push(generated.latency, generated.throughput);

const outputs = [
  { file: 'docs/output/performance.md', text: lines.join('\n') },
  { file: 'docs/architecture.md', sections: { performance: lines.slice(2).join('\n') } },
  { file: 'docs/cost.md', sections: { 'cost-per-change': generated.cost } },
  // README.md carries the summary only once its markers are pasted in; from then on it is checked.
  { file: 'README.md', sections: { readme: generated.readme }, optional: true },
];
const stale = [];
for (const output of outputs) {
  const path = join(root, output.file);
  const before = readFileSync(path, 'utf8');
  if (output.optional && !before.includes('<!-- bench:readme:start -->')) continue;
  let after = output.text ?? before;
  for (const [name, text] of Object.entries(output.sections ?? {}))
    after = replaceSection(after, name, text, output.file);
  if (after === before) continue;
  if (check) stale.push(output.file);
  else writeFileSync(path, after);
}
if (stale.length > 0) {
  console.error(
    `figures differ from bench/results.json in ${stale.join(', ')}: run node docs/output/performance.mjs`,
  );
  process.exit(1);
}
if (!check) console.log(lines.join('\n'));

/** Replaces what lies between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`. */
function replaceSection(text, name, body, file) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) {
    console.error(`${file}: no ${start} … ${end} section to write the figures into`);
    process.exit(1);
  }
  return `${text.slice(0, from + start.length)}\n${body.trim()}\n${text.slice(to)}`;
}

/** Latency at each rate, the throughput limit, and the cost of 10,000 changes, as Markdown. */
function buyerSections(b) {
  const rate = (r) => `${r.toLocaleString('en-US')} change${r === 1 ? '' : 's'}/s`;
  const s = b.settings;
  const when = b.run ? ` (run ${b.run.date.slice(0, 10)}${b.run.underLoad ? ', under load' : ''})` : '';
  const latency = [
    `End to end, from the receiver's \`202\` to the fake Heymarket applying the \`users/update\` that carries the change${when}: one change per delivery, through the bundled receiver and worker, the worker fed as the stack's event source feeds it (batches of up to ${s.batchSize}, a ${s.batchingWindowSeconds} s batching window, at most ${s.maxConcurrency} at once), Heymarket answering in ${b.heymarketLatencyMs} ms, every change for an employee not seen before (so each batch also looks users up). The batching window is in the figure: at low rates most of the wait is the window filling. With few changes the p99 is the slowest one.`,
    '',
    '| arrival rate | reached | changes | p50 | p99 | changes per worker invocation |',
    '|---|---|---|---|---|---|',
    ...b.latency.map(
      (r) =>
        `| ${rate(r.changesPerSecond)} | ${r.achievedPerSecond.toFixed(1)}/s | ${r.changes.toLocaleString('en-US')} | ${(r.p50Ms / 1000).toFixed(2)} s | ${(r.p99Ms / 1000).toFixed(2)} s | ${r.meanBatch.toFixed(1)} |`,
    ),
    '',
    'Where a rate was not reached, this machine could not send that fast through the receiver; on Lambda each delivery has its own environment.',
    '',
  ].join('\n');
  const t = b.throughput;
  const throughput = [
    `Throughput is bounded by Heymarket's ${t.heymarketPerMinute} requests a minute, of which the workers' token buckets take ${t.workerRequestsPerMinute}. A backlog costs ${t.heymarketCallsPerChange.toFixed(4)} Heymarket calls per change (full batches: one \`users/update\` per batch and the lookups it needs, measured by the worker run above), so the stack applies at most **${whole(t.changesPerMinute)} changes a minute** and a backlog of ${whole(t.backlogChanges)} changes takes at least **${t.backlogDrainMinutes.toFixed(1)} minutes** to drain. This machine's worker run drained ${whole(t.measuredChangesPerMinute)} a minute (${t.measuredDrainMinutes.toFixed(1)} minutes for the backlog); so here the bound is ${t.changesPerMinute <= t.measuredChangesPerMinute ? "Heymarket's budget, not the machine" : 'this machine, not Heymarket'}.`,
    '',
  ].join('\n');
  const c = b.cost;
  const money = (usd) => `$${usd.toFixed(4)}`;
  const quantity = (line) =>
    line.unit === 'GB-s'
      ? line.quantity.toFixed(1)
      : line.unit === 'GB'
        ? line.quantity.toFixed(4)
        : whole(line.quantity);
  const cost = [
    `Measured by \`npm run bench\`${when}: for each arrival rate, what the latency run ([architecture.md](architecture.md#performance)) counted per change (API Gateway requests, invocations and their billed durations, SQS requests including the event source's receives and deletes, DynamoDB writes and reads, secret reads, log bytes), scaled to 10,000 changes and priced at AWS's published on-demand **list prices** for ${c.region} (${c.regionName}) as shown on ${c.pricesTakenOn} (\`bench/aws-prices.ts\`; no free tier). Memory sizes (receiver ${s.receiver.memoryMb} MB, worker ${s.worker.memoryMb} MB, ${s.worker.architecture}) and the batch size are read from the synthesised template. Durations are this development machine's, not Lambda's, so read the duration rows as an upper bound. Not per change, so not here: the idle long polls, secrets, alarms and dashboard of the monthly estimate below.`,
    '',
    `| item | ${c.byRate.map((r) => `at ${rate(r.changesPerSecond)}`).join(' | ')} |`,
    `|---|${c.byRate.map(() => '---').join('|')}|`,
    ...(c.byRate[0]?.lines ?? []).map(
      (line, i) =>
        `| ${line.item} | ${c.byRate.map((r) => `${quantity(r.lines[i])} ${r.lines[i].unit}: ${money(r.lines[i].usd)}`).join(' | ')} |`,
    ),
    `| **total per 10,000 changes** | ${c.byRate.map((r) => `**${money(r.totalUsd)}**`).join(' | ')} |`,
    '',
  ].join('\n');
  const busiest = c.byRate.at(-1);
  const readme = [
    `| figure | measured |`,
    '|---|---|',
    ...b.latency.map(
      (r) =>
        `| webhook accepted → Heymarket updated, ${rate(r.changesPerSecond)} | p50 ${(r.p50Ms / 1000).toFixed(1)} s, p99 ${(r.p99Ms / 1000).toFixed(1)} s |`,
    ),
    `| AWS cost per 10,000 changes (${c.region} list prices, ${c.pricesTakenOn}) | ${money(busiest.totalUsd)} at ${rate(busiest.changesPerSecond)}, ${money(c.byRate[0].totalUsd)} at ${rate(c.byRate[0].changesPerSecond)} |`,
    `| most changes a minute (Heymarket's ${t.heymarketPerMinute} requests a minute) | ${whole(t.changesPerMinute)} |`,
    `| a ${whole(t.backlogChanges)}-change backlog drains in | at least ${t.backlogDrainMinutes.toFixed(1)} minutes |`,
    `| Heymarket requests in any minute of a ${whole(results.heymarketBurst.changes)}-change burst (Heymarket allows ${results.heymarketBurst.budgetPerMinute}) | at most ${results.heymarketBurst.peakRequestsPerMinute}, ${results.heymarketBurst.lost === 0 ? 'nothing' : whole(results.heymarketBurst.lost)} lost; all applied in ${(results.heymarketBurst.virtualDrainSeconds / 60).toFixed(1)} minutes with ${results.heymarketBurst.share429 * 100}% of requests refused (429) |`,
    '',
  ].join('\n');
  return { latency, throughput, cost, readme };
}
