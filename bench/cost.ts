import { AWS_PRICES } from './aws-prices.js';
import type { StackSettings } from './stack-settings.js';

/** What a run did, counted by the fakes and the bench's event source, for `changes` changes. */
export interface MeasuredUsage {
  changes: number;
  /** One API Gateway request and one receiver invocation each. */
  deliveries: number;
  /** Sum over invocations of the duration Lambda bills: each rounded up to the millisecond. */
  receiverBilledMs: number;
  workerInvocations: number;
  workerBilledMs: number;
  /** Every SQS request: the receiver's sends, the event source's receives and deletes, the worker's own. */
  sqsRequests: number;
  dynamodbWrites: number;
  dynamodbReads: number;
  /** Capacity units one write or read consumes, from the largest item written (an upper bound). */
  writeUnitsPerWrite: number;
  readUnitsPerRead: number;
  secretsManagerCalls: number;
  /** What the functions logged, in bytes (Lambda's own START/END/REPORT lines are not counted). */
  logBytes: number;
}

export interface CostLine {
  item: string;
  /** Units per 10,000 changes, in the unit named. */
  quantity: number;
  unit: string;
  usd: number;
}

export interface CostPer10k {
  region: string;
  pricesTakenOn: string;
  lines: CostLine[];
  totalUsd: number;
}

export const PER_CHANGES = 10_000;

/** List price of `usage`, scaled to 10,000 changes, with the stack's memory sizes and architectures. */
export function costPer10k(
  usage: MeasuredUsage,
  settings: Pick<StackSettings, 'receiver' | 'worker'>,
): CostPer10k {
  if (!Number.isSafeInteger(usage.changes) || usage.changes <= 0)
    throw new Error(`bench: cost needs a positive count of changes, got ${usage.changes}`);
  const scale = PER_CHANGES / usage.changes;
  const p = AWS_PRICES;
  const gbSeconds = (billedMs: number, memoryMb: number) => (billedMs / 1000) * (memoryMb / 1024) * scale;
  const receiverGbS = gbSeconds(usage.receiverBilledMs, settings.receiver.memoryMb);
  const workerGbS = gbSeconds(usage.workerBilledMs, settings.worker.memoryMb);
  const invocations = (usage.deliveries + usage.workerInvocations) * scale;
  const writeUnits = usage.dynamodbWrites * usage.writeUnitsPerWrite * scale;
  const readUnits = usage.dynamodbReads * usage.readUnitsPerRead * scale;
  const perMillion = (n: number, price: number) => (n / 1e6) * price;
  const lines: CostLine[] = [
    {
      item: 'API Gateway REST requests',
      quantity: usage.deliveries * scale,
      unit: 'requests',
      usd: perMillion(usage.deliveries * scale, p.apiGatewayPerMillionRequests),
    },
    {
      item: 'Lambda requests',
      quantity: invocations,
      unit: 'invocations',
      usd: perMillion(invocations, p.lambdaPerMillionRequests),
    },
    {
      item: `Lambda duration, receiver (${settings.receiver.memoryMb} MB, ${settings.receiver.architecture})`,
      quantity: receiverGbS,
      unit: 'GB-s',
      usd: receiverGbS * p.lambdaPerGbSecond[settings.receiver.architecture],
    },
    {
      item: `Lambda duration, worker (${settings.worker.memoryMb} MB, ${settings.worker.architecture})`,
      quantity: workerGbS,
      unit: 'GB-s',
      usd: workerGbS * p.lambdaPerGbSecond[settings.worker.architecture],
    },
    {
      item: 'SQS requests',
      quantity: usage.sqsRequests * scale,
      unit: 'requests',
      usd: perMillion(usage.sqsRequests * scale, p.sqsPerMillionRequests),
    },
    {
      item: 'DynamoDB writes (on-demand)',
      quantity: writeUnits,
      unit: 'write units',
      usd: perMillion(writeUnits, p.dynamodbPerMillionWriteUnits),
    },
    {
      item: 'DynamoDB reads (on-demand)',
      quantity: readUnits,
      unit: 'read units',
      usd: perMillion(readUnits, p.dynamodbPerMillionReadUnits),
    },
    {
      item: 'Secrets Manager API calls',
      quantity: usage.secretsManagerCalls * scale,
      unit: 'calls',
      usd: ((usage.secretsManagerCalls * scale) / 1e4) * p.secretsManagerPer10kCalls,
    },
    {
      item: 'CloudWatch Logs ingested',
      quantity: (usage.logBytes * scale) / 1e9,
      unit: 'GB',
      usd: ((usage.logBytes * scale) / 1e9) * p.cloudwatchLogsPerGbIngested,
    },
  ];
  return {
    region: p.region,
    pricesTakenOn: p.takenOn,
    lines,
    totalUsd: lines.reduce((sum, line) => sum + line.usd, 0),
  };
}
