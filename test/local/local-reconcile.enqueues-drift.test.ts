import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ReconcileHost, startReconcileHost } from './support/reconcile-host.js';

let setup: ReconcileHost | undefined;
afterEach(async () => {
  await setup?.close();
});

describe('hr-sync reconcile against the local host', () => {
  it('enqueues the drifted employee on the host’s queue, where the worker applies it', {
    timeout: 60_000,
  }, async () => {
    setup = await startReconcileHost();
    const { host, heymarket } = setup;

    const run = await setup.reconcile();

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^reconcile against the local host at ${host.url}, run \\S+`));
    expect(run.stdout).toMatch(/^ {2}listed +3 {2}\(bamboohr 3\)$/m);
    expect(run.stdout).toMatch(/^ {2}matched +2$/m);
    expect(run.stdout).toMatch(/^ {2}differing +1$/m);
    expect(run.stdout).toMatch(/^ {2}enqueued +1$/m);
    expect(run.stdout).toMatch(
      /^ {2}unmatched +1 {2}\(no work email 0, no Heymarket user 1, override not found 0\)$/m,
    );
    await vi.waitFor(() => expect(heymarket.users.get(71)?.last_name).toBe('Lovelace'), { timeout: 10_000 });
    expect(heymarket.users.get(72)?.last_name).toBe('Hopper');
    const updates = heymarket.requests.filter((request) => request.path === '/v1/users/update');
    expect(updates).toHaveLength(1);
    await vi.waitFor(async () => {
      const health = (await (await fetch(`${host.url}/healthz`)).json()) as { queue: unknown; dlq: number };
      expect(health).toMatchObject({ queue: { visible: 0, inFlight: 0 }, dlq: 0 });
    });
  });
});
