import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { type ReconcileHost, startReconcileHost } from './support/reconcile-host.js';
import { tempDir } from './support/temp-queue.js';

let host: ReconcileHost;
beforeAll(async () => {
  host = await startReconcileHost();
});
afterAll(() => host?.close());

describe('hr-sync reconcile and the local host’s admin token', () => {
  it('says where it looked when it has no token for the host, and exits 1', { timeout: 60_000 }, async () => {
    const elsewhere = tempDir();
    try {
      const run = await runCli(['reconcile', '--dry-run'], {
        cwd: elsewhere.path,
        env: { PORT: new URL(host.host.url).port },
      });

      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `refused the admin token (none found: no ${elsewhere.path}/.hr-sync/local-admin-token)`,
      );
      expect(run.stderr).toContain(
        'run this where the host keeps its data (the same HR_SYNC_DATA_DIR), or set HR_SYNC_ADMIN_TOKEN',
      );
      // Refused before any run: BambooHR was never listed.
      expect(host.bamboohr.requests).toEqual([]);
    } finally {
      elsewhere.remove();
    }
  });

  it('refuses a wrong HR_SYNC_ADMIN_TOKEN without printing it', { timeout: 60_000 }, async () => {
    const wrong = 'a-token-that-is-not-the-hosts-0123456789';
    const run = await runCli(['reconcile', '--dry-run'], {
      env: { PORT: new URL(host.host.url).port, HR_SYNC_ADMIN_TOKEN: wrong },
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('refused the admin token (from HR_SYNC_ADMIN_TOKEN)');
    expect(run.stderr + run.stdout).not.toContain(wrong);
  });

  it('passes on the host’s refusal of --max-changes over its reconcile.maxChanges', {
    timeout: 60_000,
  }, async () => {
    const run = await host.reconcile('--dry-run', '--max-changes', '2000');

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "answered 400: reconcile: maxChanges 2000 is over this host's reconcile.maxChanges (100)",
    );
    expect(host.bamboohr.requests).toEqual([]);
  });
});
