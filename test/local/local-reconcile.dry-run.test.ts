import { afterEach, describe, expect, it } from 'vitest';
import { type ReconcileHost, startReconcileHost } from './support/reconcile-host.js';

let setup: ReconcileHost | undefined;
afterEach(async () => {
  await setup?.close();
});

describe('hr-sync reconcile --dry-run against the local host', () => {
  it('reports what differs and enqueues nothing', { timeout: 60_000 }, async () => {
    setup = await startReconcileHost();
    const { host, heymarket } = setup;

    const run = await setup.reconcile('--dry-run', '--json');

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      target: `local host ${host.url}`,
      status: 'complete',
      dryRun: true,
      listed: 3,
      differing: 1,
      enqueued: 0,
    });
    const health = (await (await fetch(`${host.url}/healthz`)).json()) as { queue: unknown };
    expect(health.queue).toEqual({ visible: 0, inFlight: 0 });
    expect(heymarket.requests.map((request) => request.path)).toEqual(['/v1/users/get']);
    expect(heymarket.users.get(71)?.last_name).toBe('Byron');
  });
});
