import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FakeAws } from '../test/support/fake-aws.js';
import type { LambdaContainer } from '../test/support/lambda-container.js';

/** SQS returns at most 10 messages per ReceiveMessage, and deletes at most 10 per DeleteMessageBatch. */
const SQS_MAX_PER_REQUEST = 10;
/** How often an idle poller asks again (a long poll answers as soon as a message is there). */
const POLL_GAP_MS = 5;

export interface EventSourceCounts {
  /** ReceiveMessage requests that returned messages (empty long polls are the idle cost, not a change's). */
  receives: number;
  deletes: number;
  invocations: number;
  records: number;
  /** Each invocation's duration as Lambda bills it: rounded up to the millisecond. */
  billedMs: number;
}

/**
 * The Lambda SQS event source on the real clock, as the stack configures it: one poller per
 * concurrent invocation (`maxConcurrency`), each receiving up to 10 messages a request and
 * gathering until it holds `batchSize` records or `batchingWindowMs` has passed since its first
 * record (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html: records buffer
 * until the window expires or the batch is full), then invoking its container and deleting what
 * succeeded. `run(done)` polls until `done()` holds and the queue is empty. A record the worker
 * fails would stay hidden for the visibility timeout, so it ends the run with an error instead.
 */
export function startEventSource(options: {
  aws: FakeAws;
  queueUrl: string;
  workers: readonly LambdaContainer<SQSEvent, SQSBatchResponse>[];
  batchSize: number;
  batchingWindowMs: number;
  visibilityTimeoutSeconds: number;
  invocationMs: number;
}): { counts: EventSourceCounts; run: (done: () => boolean) => Promise<void> } {
  const { aws, queueUrl } = options;
  const counts: EventSourceCounts = { receives: 0, deletes: 0, invocations: 0, records: 0, billedMs: 0 };
  const empty = () => aws.visibleCount(queueUrl) + aws.inFlightCount(queueUrl) === 0;
  const sleep = () => new Promise((resolve) => setTimeout(resolve, POLL_GAP_MS));

  const poller = async (worker: LambdaContainer<SQSEvent, SQSBatchResponse>, done: () => boolean) => {
    for (;;) {
      const records: SQSRecord[] = [];
      let opened: number | undefined;
      while (records.length < options.batchSize) {
        if (opened !== undefined && performance.now() - opened >= options.batchingWindowMs) break;
        const got = aws.poll(queueUrl, {
          max: Math.min(SQS_MAX_PER_REQUEST, options.batchSize - records.length),
          visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
        }).Records;
        if (got.length > 0) {
          counts.receives += 1;
          records.push(...got);
          opened ??= performance.now();
          continue;
        }
        if (opened === undefined && done() && empty()) return;
        await sleep();
      }
      const start = performance.now();
      const outcome = await worker.invoke({ Records: records }, options.invocationMs);
      counts.billedMs += Math.ceil(performance.now() - start);
      counts.invocations += 1;
      counts.records += records.length;
      if (outcome.kind !== 'result') throw new Error(`bench: worker ${outcome.kind}`);
      const failed = new Set(outcome.result.batchItemFailures.map((failure) => failure.itemIdentifier));
      if (failed.size > 0) throw new Error(`bench: the worker failed ${failed.size} records`);
      const succeeded = records.filter((record) => !failed.has(record.messageId));
      aws.ack(
        queueUrl,
        succeeded.map((record) => record.receiptHandle),
      );
      counts.deletes += Math.ceil(succeeded.length / SQS_MAX_PER_REQUEST);
    }
  };
  return {
    counts,
    run: async (done) => {
      await Promise.all(options.workers.map((worker) => poller(worker, done)));
    },
  };
}
