import { loadavg } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDeliveryMemory } from '../lambda/aws/delivery-memory.js';
import { createChangeQueue } from '../lambda/aws/queue.js';
import { newAwsClient } from '../lambda/aws/sdk-client.js';
import { makeChange } from '../test/support/changes.js';
import { DUMMY_ENV } from './cold-init.js';
import { median } from './stats.js';
import { stubTransport } from './transport-stub.mjs';

/**
 * `npx tsx bench/receiver-sdk-calls.ts`: CPU µs per call of the receiver's three AWS calls (delivery
 * memory GetItem, queue SendMessageBatch, delivery memory PutItem) through our adapters with the SDK's
 * transport stubbed (transport-stub.mjs), for our clients (lambda/aws/sdk-client.ts), the SDK's
 * default clients, and our clients with one of the SDK's client middleware removed
 * (`middlewareStack.remove(name)`). Variants run in interleaved blocks (order reversed every other
 * round); each variant's figure is the median of its blocks, its ratio the median of per-block ratios
 * to `ours` with min–max. A measuring tool, not a budget: `npm run bench` keeps the budgets.
 */
const BLOCK = Number(process.env.BENCH_CALL_BLOCK ?? 200);
const ROUNDS = Number(process.env.BENCH_CALL_ROUNDS ?? 20);
const WARMUP = 1_500;

for (const [name, value] of Object.entries(DUMMY_ENV)) process.env[name] ??= value;
stubTransport({});

type Removable = { middlewareStack: { remove(name: string): boolean } };
const without = <C extends Removable>(client: C, names: readonly string[]): C => {
  for (const name of names) {
    if (!client.middlewareStack.remove(name)) throw new Error(`bench: no middleware ${name}`);
  }
  return client;
};
const ours = (removed: readonly string[] = []) => ({
  dynamodb: () => without(newAwsClient(DynamoDBClient), removed),
  sqs: () => without(newAwsClient(SQSClient), removed),
});
const VARIANTS = [
  { name: 'ours', ...ours() },
  // The same again: the spread of a variant against itself is the noise floor of this run.
  { name: 'ours (again)', ...ours() },
  { name: 'SDK defaults', dynamodb: () => new DynamoDBClient({}), sqs: () => new SQSClient({}) },
  { name: '- user agent', ...ours(['getUserAgentMiddleware']) },
  { name: '- logger', ...ours(['loggerMiddleware']) },
  { name: '- recursion detection', ...ours(['recursionDetectionMiddleware']) },
  {
    name: '- all three',
    ...ours(['getUserAgentMiddleware', 'loggerMiddleware', 'recursionDetectionMiddleware']),
  },
];
const OPERATIONS = ['GetItem', 'SendMessageBatch', 'PutItem'] as const;
type Operation = (typeof OPERATIONS)[number];

const change = makeChange();
const queueUrl = process.env.QUEUE_URL as string;
const variants = VARIANTS.map(({ name, dynamodb, sqs }) => {
  const memory = createDeliveryMemory({ tableName: 'hr-sync-applied', client: dynamodb() });
  const queue = createChangeQueue({ queueUrl, client: sqs() });
  const key = (index: number) => `delivery#standard#${index.toString(16).padStart(64, '0')}`;
  const calls: Record<Operation, (index: number) => Promise<unknown>> = {
    GetItem: (index) => memory.seen(key(index), Date.now()),
    SendMessageBatch: () => queue.send([change]),
    PutItem: (index) => memory.remember(key(index), Date.now()),
  };
  return { name, calls };
});

async function cpuUsPerCall(call: (index: number) => Promise<unknown>, count: number): Promise<number> {
  const start = process.cpuUsage();
  for (let index = 0; index < count; index += 1) await call(index);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

const loadBefore = loadavg()[0] ?? 0;
for (const variant of variants) {
  for (const operation of OPERATIONS) await cpuUsPerCall(variant.calls[operation], WARMUP);
}
const samples = new Map(variants.map((v) => [v.name, new Map(OPERATIONS.map((op) => [op, [] as number[]]))]));
for (let round = 0; round < ROUNDS; round += 1) {
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const operation of OPERATIONS) {
    for (const variant of order) {
      samples
        .get(variant.name)
        ?.get(operation)
        ?.push(await cpuUsPerCall(variant.calls[operation], BLOCK));
    }
  }
}

const of = (name: string, operation: Operation) => samples.get(name)?.get(operation) ?? [];
console.log(
  `CPU µs per call, transport stubbed; ${ROUNDS} interleaved blocks of ${BLOCK} calls; ` +
    `load ${loadBefore.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`,
);
for (const { name } of variants) {
  const cells = OPERATIONS.map((operation) => {
    const mine = of(name, operation);
    const ratios = mine.map((value, index) => value / (of('ours', operation)[index] as number));
    return `${operation} ${median(mine).toFixed(0)} (×${median(ratios).toFixed(2)}, ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
  });
  const total = OPERATIONS.reduce((sum, operation) => sum + median(of(name, operation)), 0);
  console.log(`${name.padEnd(22)} ${cells.join('  ')}  sum ${total.toFixed(0)}`);
}
