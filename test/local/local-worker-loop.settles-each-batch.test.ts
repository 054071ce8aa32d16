import { afterEach, describe, expect, it } from 'vitest';
import type { QueueRecord } from '../../lambda/core/ports.js';
import { startWorkerLoop, type WorkerLoop } from '../../lambda/local/worker-loop.js';
import type { SyncOptions, SyncResult } from '../../lambda/service/sync-batch.js';
import { makeChange } from '../support/changes.js';
import { recordingDeps } from '../support/recording.js';
import { openTemp } from './support/temp-queue.js';

let temp: ReturnType<typeof openTemp>;
let loop: WorkerLoop | undefined;
afterEach(async () => {
  await loop?.stop();
  temp.close();
});

const summary = {
  received: 0,
  enriched: 0,
  patched: 0,
  skipped: {},
  rehired: 0,
  deadLettered: {},
  retried: {},
  dryRun: false,
};

describe('local worker loop', () => {
  it('deletes what the batch settled and hides each retried message for its own backoff', async () => {
    temp = openTemp();
    await temp.queue.send(['done', 'retry-30', 'retry-120'].map((eventId) => makeChange({ eventId })));
    const batches: { records: readonly QueueRecord[]; options: SyncOptions }[] = [];
    let settled: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      settled = resolve;
    });
    loop = startWorkerLoop({
      queue: {
        receive: (max, seconds) => temp.queue.receive(max, seconds),
        delete: (ids) => temp.queue.delete(ids),
        delay: async (id, seconds) => {
          await temp.queue.delay(id, seconds);
          if (seconds === 120) settled();
        },
      },
      sync: async (records, options): Promise<SyncResult> => {
        batches.push({ records, options });
        const id = (eventId: string) =>
          records.find((r) => r.attributes.eventId === eventId)?.messageId ?? '';
        return {
          retry: [id('retry-30'), id('retry-120')],
          delays: new Map([
            [id('retry-30'), 30],
            [id('retry-120'), 120],
          ]),
          summary,
        };
      },
      log: recordingDeps().deps.log,
      now: temp.clock.now,
      batchSize: 50,
      batchTimeoutMs: 60_000,
    });

    await done;
    await loop.stop();
    loop = undefined;

    expect(batches).toHaveLength(1);
    expect(batches[0]?.records).toHaveLength(3);
    expect(batches[0]?.options.deadline).toBe(temp.clock.ms + 60_000);
    expect((await temp.queue.counts()).queue).toEqual({ visible: 0, inFlight: 2, delayed: 0 });
    temp.clock.advance(30_000);
    expect((await temp.queue.receive(10, 365)).map((record) => record.attributes.eventId)).toEqual([
      'retry-30',
    ]);
    temp.clock.advance(90_000);
    expect((await temp.queue.receive(10, 365)).map((record) => record.attributes.eventId)).toEqual([
      'retry-120',
    ]);
  });

  it('finishes the batch in flight before stop resolves, and takes no other', async () => {
    temp = openTemp();
    await temp.queue.send([makeChange({ eventId: 'a' })]);
    let release: () => void = () => {};
    let started: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    let batches = 0;
    loop = startWorkerLoop({
      queue: temp.queue,
      sync: async (records) => {
        batches += 1;
        started();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return { retry: [], delays: new Map(), summary: { ...summary, received: records.length } };
      },
      log: recordingDeps().deps.log,
      now: temp.clock.now,
    });
    await inFlight;
    await temp.queue.send([makeChange({ eventId: 'b' })]);

    let stopped = false;
    const stopping = loop.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    loop = undefined;

    expect(batches).toBe(1);
    expect((await temp.queue.counts()).queue).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
  });
});
