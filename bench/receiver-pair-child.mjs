// Our bundled receiver and the minimal hand-written one (bench/peer/receiver.ts) in one process (one
// core), taking deliveries one at a time as a Lambda environment does, in interleaved blocks: ours,
// peer, peer, ours, ... so load and drift fall on both alike. Each block's CPU time (this process's,
// user + system) ÷ its deliveries is one sample. With `transport: 'stubbed'` the SDK's HTTP requests
// are answered in this process (transport-stub.mjs); otherwise they go to the loopback fake AWS.
import { stubCalls, stubTransport } from './transport-stub.mjs';

const message = await new Promise((resolve) => process.once('message', resolve));
const { transport, secrets, blocks, blockSize, warmup } = message;
if (transport === 'stubbed') stubTransport(secrets);
const ours = (await import(message.ours)).handler;
const peer = (await import(message.peer)).handler;
const context = { functionName: 'receiver', awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 };

const statuses = {};
// AWS calls per side, by target (counted by the stub, so only with the transport stubbed).
const calls = { ours: {}, peer: {} };
const callsNow = () => Object.fromEntries(stubCalls);
/** Runs the events one at a time; the CPU time per delivery, in µs. */
async function run(handler, events, side) {
  const before = callsNow();
  const start = process.cpuUsage();
  for (const event of events) {
    const response = await handler(event, context);
    const key = `${side} ${response.statusCode}`;
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  const used = process.cpuUsage(start);
  if (side === 'ours' || side === 'peer') {
    for (const [target, count] of Object.entries(callsNow())) {
      const made = count - (before[target] ?? 0);
      if (made > 0) calls[side][target] = (calls[side][target] ?? 0) + made;
    }
  }
  return (used.user + used.system) / events.length;
}

const block = (events, index) => events.slice(warmup + index * blockSize, warmup + (index + 1) * blockSize);

const standard = message.standard;
await run(ours, standard.ours.slice(0, warmup), 'warmup');
await run(peer, standard.peer.slice(0, warmup), 'warmup');
const pairs = [];
for (let i = 0; i < blocks; i += 1) {
  // ABBA: which side goes first alternates, so neither always runs on a cache the other warmed.
  if (i % 2 === 0) {
    const a = await run(ours, block(standard.ours, i), 'ours');
    pairs.push({ ours: a, peer: await run(peer, block(standard.peer, i), 'peer') });
  } else {
    const b = await run(peer, block(standard.peer, i), 'peer');
    pairs.push({ ours: await run(ours, block(standard.ours, i), 'ours'), peer: b });
  }
}

// Every provider, ours alone (the peer speaks Standard Webhooks only), in the same block sizes.
const providers = [];
for (const { provider, events } of message.alone) {
  await run(ours, events.slice(0, warmup), 'warmup');
  const samples = [];
  for (let i = 0; i < blocks; i += 1) samples.push(await run(ours, block(events, i), `ours ${provider}`));
  providers.push({ provider, samples });
}

process.send({ pairs, providers, statuses, calls }, () => process.exit(0));
