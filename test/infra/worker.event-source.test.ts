import { describe, expect, it } from 'vitest';
import {
  HEYMARKET_REQUESTS_PER_CALL,
  HEYMARKET_REQUESTS_PER_MINUTE,
  heymarketRequestsPerInvocation,
  MIN_INVOCATION_SECONDS,
  maxConcurrencyFor,
} from '../../infra/concurrency.js';
import { WORKER_BATCH_SIZE } from '../../infra/heymarket-hr-sync.js';
import { exampleConfig, logicalId, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'));
const workerId = logicalId(stack.hrSync.worker.function);
// The other mapping is the leaver notifier's, from the applied table's stream (leaver-notices.stream.test.ts).
const toWorker = mappings.filter((candidate) => {
  const name = candidate.Properties?.FunctionName as { Ref?: string } | undefined;
  return name?.Ref === workerId;
});
const mapping = toWorker[0]?.Properties;

describe('worker event source', () => {
  it("is the worker's only event source, the main queue; the one other mapping is the leaver notifier's stream", () => {
    expect(toWorker).toHaveLength(1);
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [logicalId(stack.hrSync.queues.queue), 'Arn'] });
    expect(mappings).toHaveLength(2);
    const other = mappings.find((candidate) => candidate !== toWorker[0])?.Properties;
    expect(other?.FunctionName).toEqual({ Ref: logicalId(stack.hrSync.leaverNotices.fn.function) });
  });

  it('delivers batches of 50, waiting up to 5 s to fill one', () => {
    expect(mapping.BatchSize).toBe(50);
    expect(mapping.MaximumBatchingWindowInSeconds).toBe(5);
  });

  it('reports partial batch failures so one bad change does not redeliver the batch', () => {
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it("caps concurrent workers at what Heymarket's 500 requests/min budget allows", () => {
    const expected = maxConcurrencyFor({
      budgetPerMinute: HEYMARKET_REQUESTS_PER_MINUTE,
      requestsPerInvocation: heymarketRequestsPerInvocation({
        batchSize: WORKER_BATCH_SIZE,
        chunkSize: exampleConfig().heymarket.chunkSize,
        requestsPerCall: HEYMARKET_REQUESTS_PER_CALL,
      }),
      minInvocationSeconds: MIN_INVOCATION_SECONDS,
    });
    expect(expected).toBe(2);
    expect(mapping.ScalingConfig).toEqual({ MaximumConcurrency: expected });
  });

  it('does not limit the worker with reserved concurrency', () => {
    const worker = template.toJSON().Resources[logicalId(stack.hrSync.worker.function)].Properties;
    expect(worker.ReservedConcurrentExecutions).toBeUndefined();
  });
});
