#!/usr/bin/env node
// Writes docs/output/performance.md, the tables docs/architecture.md quotes, from bench/results.json
// (written by `npm run bench`). Run `node docs/output/performance.mjs` after a new benchmark.
import { readFileSync, writeFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(new URL('../../bench/results.json', import.meta.url), 'utf8'));
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(1)} ms`;
const whole = (value) => Math.round(value).toLocaleString('en-US');

const lines = [
  '<!-- written by docs/output/performance.mjs from bench/results.json; do not edit by hand -->',
  '',
  `Measured ${results.date.slice(0, 10)} on ${results.machine.cpus} cores (${results.machine.cpuModel}), Node.js ${results.node}` +
    `${results.machine.underLoad ? ', under load from other work' : ''}.`,
  '',
  '| function | bundle | cold import | the same SDK clients alone | our own cost |',
  '|---|---|---|---|---|',
];
for (const name of ['receiver', 'worker', 'scheduler']) {
  const cold = results.coldInit[name];
  lines.push(
    `| ${name} | ${kb(results.bundles[name].bytes)} | ${ms(cold.ourMs)} | ${ms(cold.baselineMs)} | +${ms(cold.differenceMs)} |`,
  );
}
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
  `Rate: a burst of ${whole(results.settings.burstChanges)} changes, worker concurrency ${results.rateDiscipline.maxConcurrency}, budget ${results.rateDiscipline.budgetPerMinute} requests a minute:`,
  '',
  '| Heymarket latency | peak requests in a minute | within budget |',
  '|---|---|---|',
);
for (const scenario of results.rateDiscipline.scenarios) {
  lines.push(
    `| ${scenario.name} | ${scenario.peakRequestsPerMinute} | ${scenario.withinBudget ? 'yes' : 'no'} |`,
  );
}
lines.push('');
writeFileSync(new URL('./performance.md', import.meta.url), lines.join('\n'));
console.log(lines.join('\n'));
