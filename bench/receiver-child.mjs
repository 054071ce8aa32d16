// One receiver execution environment in its own process (one core): loads the bundled handler, then
// for each provider sends the prepared deliveries one at a time, as Lambda does, timing each, and
// measures this process's CPU time for them and for the bare HMAC + JSON.parse of the same bodies.
import { createHmac } from 'node:crypto';

const { bundle, providers, warmup } = await new Promise((resolve) => process.once('message', resolve));
const { handler } = await import(bundle);
const context = { functionName: 'receiver', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 };

const cpuUs = (since) => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

const results = [];
for (const { provider, events, bare } of providers) {
  const statuses = {};
  for (const event of events.slice(0, warmup)) await handler(event, context);
  const measured = events.slice(warmup);
  const latencies = [];
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  for (const event of measured) {
    const start = performance.now();
    const response = await handler(event, context);
    latencies.push(performance.now() - start);
    statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
  }
  const wallMs = performance.now() - wallStart;
  const cpu = cpuUs(cpuStart);

  // The floor: the MAC the provider's scheme needs, and JSON.parse, on the same bytes.
  const body = Buffer.from(bare.body, 'utf8');
  const repeat = measured.length * 4;
  let sink = 0;
  for (let i = 0; i < 200; i += 1) sink += JSON.parse(body.toString('utf8')) ? 1 : 0;
  const bareStart = process.cpuUsage();
  for (let i = 0; i < repeat; i += 1) {
    sink += createHmac(bare.algorithm, bare.key).update(body).digest().length;
    sink += JSON.parse(body.toString('utf8')) ? 1 : 0;
  }
  const bareCpu = cpuUs(bareStart);
  results.push({
    provider,
    deliveries: measured.length,
    statuses,
    wallMs,
    cpuUsPerDelivery: cpu / measured.length,
    bareCpuUsPerDelivery: bareCpu / repeat,
    latencies,
    sink,
  });
}
process.send({ results }, () => process.exit(0));
