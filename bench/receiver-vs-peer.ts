import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startFakeAws } from '../test/support/fake-aws.js';
import { TEST_SECRET } from '../test/support/standard-webhook.js';
import { DUMMY_ENV } from './cold-init.js';
import { CONFIG, distinct, PROVIDERS, WEBHOOK_SECRET_ARN, WEBHOOK_SECRETS } from './receiver-throughput.js';
import { median } from './stats.js';

const CHILD = fileURLToPath(new URL('./receiver-pair-child.mjs', import.meta.url));

export type Transport = 'loopback' | 'stubbed';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface PeerComparison {
  transport: Transport;
  blocks: number;
  blockSize: number;
  /** Standard Webhooks deliveries: CPU µs per delivery, median of the blocks. */
  oursCpuUs: number;
  peerCpuUs: number;
  /** Ours ÷ peer, one ratio per interleaved pair of blocks. */
  ratio: Spread;
  /** AWS calls per Standard delivery by operation (`AmazonSQS.SendMessage`), counted with the transport stubbed. */
  callsPerDelivery?: { ours: Record<string, number>; peer: Record<string, number> };
  /** Per provider (Standard included), ours alone after the pairs: CPU µs per delivery (median of blocks) and 1 s ÷ that. */
  providers: { provider: string; cpuUs: number; deliveriesPerSecondPerCore: number }[];
}

const spread = (values: number[]): Spread => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
});

/**
 * Our bundled receiver against the minimal hand-written one (bench/peer/receiver.ts), in one child
 * process, interleaved blocks of `blockSize` deliveries (receiver-pair-child.mjs). `loopback`: both
 * send to the fake AWS in this process (its CPU is not counted); `stubbed`: the SDK transport answers
 * in the child, so only the receivers' and the SDK's own work is counted. Every delivery must be
 * answered 202 by both.
 */
export async function compareWithPeer(
  bundles: { ours: string; peer: string },
  options: { transport: Transport; blocks: number; blockSize: number; warmup: number },
): Promise<PeerComparison> {
  const { transport, blocks, blockSize, warmup } = options;
  const aws = transport === 'loopback' ? await startFakeAws() : undefined;
  try {
    aws?.putSecret(WEBHOOK_SECRET_ARN, WEBHOOK_SECRETS);
    const total = warmup + blocks * blockSize;
    const eventsOf = (provider: (typeof PROVIDERS)[number], offset: number) =>
      Array.from({ length: total }, (_, index) =>
        provider.event(distinct(provider.body, offset + index), offset + index),
      );
    const [standard] = PROVIDERS;
    if (standard?.name !== 'standard') throw new Error('bench: the standard provider must come first');

    const child = fork(CHILD, [], {
      env: {
        PATH: process.env.PATH ?? '',
        ...DUMMY_ENV,
        ...(aws ? { AWS_ENDPOINT_URL: aws.url, QUEUE_URL: aws.queueUrl('changes') } : {}),
        HR_SYNC_CONFIG: JSON.stringify(CONFIG),
        POWERTOOLS_LOG_LEVEL: 'INFO',
        PEER_WEBHOOK_SECRET: TEST_SECRET,
      },
      execArgv: ['--no-warnings', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof'] : [])],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const answer = new Promise<ChildAnswer>((resolve, reject) => {
      child.once('message', (message) => resolve(message as ChildAnswer));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`receiver pair child exited with ${code}`)));
    });
    child.send({
      ours: pathToFileURL(bundles.ours).href,
      peer: pathToFileURL(bundles.peer).href,
      transport,
      secrets: { [WEBHOOK_SECRET_ARN]: WEBHOOK_SECRETS },
      blocks,
      blockSize,
      warmup,
      // The peer's bytes differ from ours (offset), so neither side's replays meet the other's.
      standard: { ours: eventsOf(standard, 0), peer: eventsOf(standard, total) },
      // Every provider alone, Standard too (on fresh bytes), so the per-provider figures share one
      // condition: Standard's paired figure runs beside the peer's SDK copy and earlier in the process.
      alone: PROVIDERS.map((provider) => ({
        provider: provider.name,
        events: eventsOf(provider, provider === standard ? 2 * total : 0),
      })),
    });
    const { pairs, providers, statuses, calls } = await answer;

    const expected = blocks * blockSize;
    for (const side of ['ours', 'peer', ...PROVIDERS.map((p) => `ours ${p.name}`)]) {
      if (statuses[`${side} 202`] !== expected) {
        throw new Error(`bench: ${side} (${transport}) answered ${JSON.stringify(statuses)}`);
      }
    }
    const oursCpuUs = median(pairs.map((pair) => pair.ours));
    const perDelivery = (counts: Record<string, number>) =>
      Object.fromEntries(Object.entries(counts).map(([target, count]) => [target, count / expected]));
    return {
      transport,
      blocks,
      blockSize,
      oursCpuUs,
      peerCpuUs: median(pairs.map((pair) => pair.peer)),
      ratio: spread(pairs.map((pair) => pair.ours / pair.peer)),
      ...(transport === 'stubbed'
        ? { callsPerDelivery: { ours: perDelivery(calls.ours), peer: perDelivery(calls.peer) } }
        : {}),
      providers: providers.map(({ provider, samples }) => {
        const cpuUs = median(samples);
        return { provider, cpuUs, deliveriesPerSecondPerCore: 1_000_000 / cpuUs };
      }),
    };
  } finally {
    await aws?.close();
  }
}

interface ChildAnswer {
  pairs: { ours: number; peer: number }[];
  providers: { provider: string; samples: number[] }[];
  statuses: Record<string, number>;
  calls: { ours: Record<string, number>; peer: Record<string, number> };
}
