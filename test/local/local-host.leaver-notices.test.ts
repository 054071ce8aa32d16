import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NOTICES_FILE } from '../../lambda/local/leaver-notifier.js';
import { PERSONAL_DATA, type ReconcileHost, startReconcileHost } from './support/reconcile-host.js';

let setup: ReconcileHost | undefined;
afterEach(async () => {
  await setup?.close();
});

describe('leaver notices on the local host', () => {
  it('writes a leaver who still holds a seat to the notices file once, and logs where without naming them', {
    timeout: 60_000,
  }, async () => {
    setup = await startReconcileHost();
    const grace = setup.bamboohr.employees.get('7002');
    if (!grace) throw new Error('the fixture has no employee 7002');
    setup.bamboohr.employees.set('7002', { ...grace, status: 'Inactive', terminationDate: '2026-01-01' });

    expect((await setup.reconcile()).code).toBe(0);
    expect((await setup.reconcile()).code).toBe(0);

    const file = join(setup.dataDir, NOTICES_FILE);
    const notices = readFileSync(file, 'utf8');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(notices.match(/^===== /gm)).toHaveLength(1);
    expect(notices).toContain('1 leaver still holds a Heymarket seat\n');
    expect(notices).toContain('1. Grace Hopper <grace@example.test> bamboohr:7002');
    const log = setup.host.stdout() + setup.host.stderr();
    expect(log).toContain(NOTICES_FILE);
    expect(log).not.toMatch(PERSONAL_DATA);
  });
});
