import { afterEach, describe, expect, it, vi } from 'vitest';
import { PERSONAL_DATA, type ReconcileHost, startReconcileHost } from './support/reconcile-host.js';

let setup: ReconcileHost | undefined;
afterEach(async () => {
  await setup?.close();
});

describe('a local reconcile run, as printed and logged', () => {
  it('names no employee and no email, in the CLI’s output or the host’s log', {
    timeout: 60_000,
  }, async () => {
    setup = await startReconcileHost();
    const { host, heymarket } = setup;

    const table = await setup.reconcile('--dry-run');
    const json = await setup.reconcile('--json');
    await vi.waitFor(() => expect(heymarket.users.get(71)?.last_name).toBe('Lovelace'), { timeout: 10_000 });

    expect(table.code).toBe(0);
    expect(json.code).toBe(0);
    // The host logs each run's summary (counts only).
    await host.printed(/"message":"reconcile finished".*"dryRun":false/);
    expect(host.stdout()).toMatch(/"message":"reconcile finished".*"trigger":"request"/);
    for (const text of [table.stdout, table.stderr, json.stdout, json.stderr, host.stdout(), host.stderr()]) {
      expect(text).not.toMatch(PERSONAL_DATA);
    }
  });
});
