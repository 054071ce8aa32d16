import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_FILE } from '../../lambda/local/admin-token.js';
import { type ReconcileHost, startReconcileHost } from './support/reconcile-host.js';

let setup: ReconcileHost | undefined;
afterEach(async () => {
  await setup?.close();
});

const get = (url: string, token?: string) =>
  fetch(`${url}/access-review`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('GET /access-review on the local host', () => {
  it('answers the latest review with the admin token only, and says how to get one before the first run', {
    timeout: 60_000,
  }, async () => {
    setup = await startReconcileHost();
    const { host } = setup;
    const token = readFileSync(join(setup.dataDir, ADMIN_TOKEN_FILE), 'utf8').trim();

    const refused = await get(host.url);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await get(host.url, 'not-the-token').then((response) => response.status)).toBe(401);

    const none = await get(host.url, token);
    expect(none.status).toBe(404);
    expect(((await none.json()) as { detail: string }).detail).toMatch(/run one \(POST \/reconcile/);

    expect((await setup.reconcile()).code).toBe(0);
    const answered = await get(host.url, token);
    expect(answered.status).toBe(200);
    expect(answered.headers.get('cache-control')).toBe('no-store');
    const report = (await answered.json()) as {
      stale: boolean;
      partial: string[];
      findings: { kind: string; employee: { id: string } | null; user: { id: number } | null }[];
    };
    expect(report).toMatchObject({ stale: false, partial: [] });
    // Edsger (7003) has no Heymarket user; the other two hold their seats.
    expect(report.findings.map((f) => [f.kind, f.employee?.id, f.user?.id ?? null])).toEqual([
      ['hire-without-seat', '7003', null],
    ]);
  });
});
