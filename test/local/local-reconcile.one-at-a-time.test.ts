import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startReconcileRunner } from '../../lambda/local/reconcile-runner.js';
import { createLocalServer } from '../../lambda/local/server.js';
import type { ReconcileOptions } from '../../lambda/service/reconcile-deps.js';
import type { ReconcileSummary } from '../../lambda/service/reconcile-run.js';
import { recordingDeps } from '../support/recording.js';

const summary = (options: ReconcileOptions): ReconcileSummary => ({
  runId: 'run-1',
  status: 'complete',
  dryRun: options.dryRun ?? false,
  segment: 1,
  listed: 3,
  matched: 2,
  differing: 1,
  enqueued: options.dryRun ? 0 : 1,
  unmatched: 1,
  skippedByCap: 0,
  unmatchedByReason: { 'no-email': 0, 'no-user': 1, override: 0 },
  listedByProvider: { bamboohr: 3 },
  maxChanges: options.maxChanges ?? 100,
  failures: {},
});

/** A reconcile that finishes when the test says so, recording what it was asked. */
function gatedReconcile() {
  const calls: ReconcileOptions[] = [];
  const gates: (() => void)[] = [];
  return {
    calls,
    release: () => gates.shift()?.(),
    reconcile: (options: ReconcileOptions) => {
      calls.push(options);
      return new Promise<ReconcileSummary>((resolve) => gates.push(() => resolve(summary(options))));
    },
  };
}

/** A schedule the test fires by hand. */
function manualSchedule() {
  const pending: { tick: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    pending,
    schedule: (tick: () => void, ms: number) => {
      const entry = { tick, ms, cancelled: false };
      pending.push(entry);
      return () => {
        entry.cancelled = true;
      };
    },
    fire: () => pending.shift()?.tick(),
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const TOKEN = 'a-test-admin-token-of-enough-length';
const authorization = `Bearer ${TOKEN}`;

/** The local server with only the reconcile route wired to a runner around `reconcile`; its URL. */
async function serveReconcile(
  reconcile: Parameters<typeof startReconcileRunner>[0]['reconcile'],
  log: ReturnType<typeof recordingDeps>['deps']['log'],
): Promise<string> {
  const runner = startReconcileRunner({ reconcile, everyMs: 0, log });
  const server = createLocalServer({
    receive: async () => ({ status: 500, headers: {}, body: '' }),
    health: async () => ({ status: 200, body: {} }),
    reconcile: (request) => runner.run(request, 'request'),
    accessReview: async () => undefined,
    adminToken: TOKEN,
    reconcileMaxChanges: 100,
    listenHost: '127.0.0.1',
    allowedHosts: [],
    log,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = async () => {
    await new Promise((resolve) => server.close(resolve));
  };
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/reconcile`;
}

describe('the local host’s reconcile runner', () => {
  it('answers 409 to POST /reconcile while a run is in progress, then the summary', async () => {
    const gated = gatedReconcile();
    const { deps } = recordingDeps();
    const url = await serveReconcile(gated.reconcile, deps.log);
    const post = (body: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });

    const first = post('{"dryRun":true}');
    await expect.poll(() => gated.calls.length).toBe(1);
    const second = await post('{}');
    gated.release();
    const answered = await first;

    expect(second.status).toBe(409);
    expect(((await second.json()) as { type: string }).type).toBe('urn:heymarket-hr-sync:reconcile-busy');
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ runId: 'run-1', dryRun: true, enqueued: 0 });
    expect(gated.calls).toEqual([{ dryRun: true, maxChanges: undefined }]);
  });

  it('refuses a body that is not {"dryRun"?: boolean} as JSON', async () => {
    const { deps } = recordingDeps();
    const url = await serveReconcile(gatedReconcile().reconcile, deps.log);

    const wrongType = await fetch(url, { method: 'POST', headers: { authorization }, body: '{}' });
    const notBoolean = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: '{"dryRun":"yes"}',
    });

    expect(wrongType.status).toBe(415);
    expect(notBoolean.status).toBe(400);
  });

  it('runs on its schedule, skips a tick while a run is in progress, and never once stopped', async () => {
    const gated = gatedReconcile();
    const clock = manualSchedule();
    const { deps, logs } = recordingDeps();
    const runner = startReconcileRunner({
      reconcile: gated.reconcile,
      everyMs: 24 * 3_600_000,
      log: deps.log,
      schedule: clock.schedule,
    });

    expect(clock.pending.map((entry) => entry.ms)).toEqual([24 * 3_600_000]);
    clock.fire();
    expect(gated.calls).toEqual([{ dryRun: false, maxChanges: undefined }]);
    expect(await runner.run({}, 'request')).toBe('busy');
    clock.fire();
    await expect.poll(() => logs.some((entry) => entry.message === 'reconcile skipped')).toBe(true);
    expect(gated.calls).toHaveLength(1);

    const stopped = runner.stop();
    gated.release();
    await stopped;
    expect(clock.pending.every((entry) => entry.cancelled)).toBe(true);
    expect(logs.find((entry) => entry.message === 'reconcile finished')?.attributes).toMatchObject({
      trigger: 'schedule',
      enqueued: 1,
    });
  });

  it('schedules nothing when the interval is 0', () => {
    const clock = manualSchedule();
    startReconcileRunner({
      reconcile: gatedReconcile().reconcile,
      everyMs: 0,
      log: recordingDeps().deps.log,
      schedule: clock.schedule,
    });
    expect(clock.pending).toEqual([]);
  });
});
