import { describe, expect, it } from 'vitest';
import { AWS_PRICES } from '../../bench/aws-prices.js';
import { costPer10k, type MeasuredUsage } from '../../bench/cost.js';

const settings = {
  receiver: { memoryMb: 1024, architecture: 'arm64' as const },
  worker: { memoryMb: 512, architecture: 'arm64' as const },
};
// 500 changes, one per delivery: every count below is scaled by 20 to reach 10,000.
const usage: MeasuredUsage = {
  changes: 500,
  deliveries: 500,
  receiverBilledMs: 5_000,
  workerInvocations: 10,
  workerBilledMs: 10_000,
  sqsRequests: 1_100,
  dynamodbWrites: 1_500,
  dynamodbReads: 500,
  writeUnitsPerWrite: 1,
  readUnitsPerRead: 1,
  secretsManagerCalls: 2,
  logBytes: 1_000_000,
};
const line = (cost: ReturnType<typeof costPer10k>, prefix: string) =>
  cost.lines.find((l) => l.item.startsWith(prefix));

describe('the cost of 10,000 changes', () => {
  it('is each measured count scaled to 10,000 changes times its list price', () => {
    const cost = costPer10k(usage, settings);
    expect(line(cost, 'API Gateway')).toMatchObject({ quantity: 10_000, usd: 0.035 });
    expect(line(cost, 'Lambda requests')).toMatchObject({ quantity: 10_200 });
    expect(line(cost, 'Lambda requests')?.usd).toBeCloseTo(0.00204, 10);
    // 5 s at 1 GB and 10 s at 0.5 GB, × 20.
    expect(line(cost, 'Lambda duration, receiver')?.quantity).toBeCloseTo(100, 10);
    expect(line(cost, 'Lambda duration, worker')?.quantity).toBeCloseTo(100, 10);
    expect(line(cost, 'Lambda duration, worker')?.usd).toBeCloseTo(100 * 0.0000133334, 12);
    expect(line(cost, 'SQS')?.usd).toBeCloseTo(0.0088, 10);
    expect(line(cost, 'DynamoDB writes')).toMatchObject({ quantity: 30_000, usd: 0.01875 });
    expect(line(cost, 'DynamoDB reads')).toMatchObject({ quantity: 10_000, usd: 0.00125 });
    expect(line(cost, 'Secrets Manager')?.usd).toBeCloseTo(0.0002, 10);
    expect(line(cost, 'CloudWatch Logs')?.quantity).toBeCloseTo(0.02, 10);
    expect(cost.totalUsd).toBeCloseTo(
      cost.lines.reduce((sum, l) => sum + l.usd, 0),
      12,
    );
    expect(cost).toMatchObject({ region: AWS_PRICES.region, pricesTakenOn: AWS_PRICES.takenOn });
  });

  it('bills a write of an item over 1 KB as more than one write unit', () => {
    const cost = costPer10k({ ...usage, writeUnitsPerWrite: 2 }, settings);
    expect(line(cost, 'DynamoDB writes')).toMatchObject({ quantity: 60_000, usd: 0.0375 });
  });

  it('prices an x86 function at the x86 rate, from the memory the stack sets', () => {
    const cost = costPer10k(usage, { ...settings, worker: { memoryMb: 1024, architecture: 'x86_64' } });
    expect(line(cost, 'Lambda duration, worker')?.item).toContain('1024 MB, x86_64');
    expect(line(cost, 'Lambda duration, worker')?.usd).toBeCloseTo(200 * 0.0000166667, 12);
  });

  it('refuses a run that counted no changes, instead of dividing by zero', () => {
    expect(() => costPer10k({ ...usage, changes: 0 }, settings)).toThrow(/positive count of changes/);
  });
});
