import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPLOYEES, type FakeMerge, JOHNSON, mergeClientFor, startFakeMerge } from '../support/fake-merge.js';
import { failure, fastCalls, freshFake, thinChange } from '../support/hr-client-calls.js';

const now = () => Date.parse('2026-02-06T10:00:00.000Z');
const deadline = now() + 60_000;

const changeFor = (id: string) =>
  thinChange('merge', id, { occurredAt: '2026-02-06T09:59:00.000Z', receivedAt: '2026-02-06T09:59:01.000Z' });

describe('Merge HRIS API faults', () => {
  const fake = freshFake(() => startFakeMerge({ employees: EMPLOYEES }));
  const fast = fastCalls(now);

  it.each([
    ['API key', { apiKey: 'revoked-api-key', accountToken: 'test-merge-account-token-0001' }],
    ['account token', { apiKey: 'test-merge-api-key-0001', accountToken: 'revoked-account-token' }],
  ])(
    'refuses a wrong %s once, permanently, as merge-auth, for an operator to fix',
    async (_, credentials) => {
      const { client } = mergeClientFor(fake(), { ...fast, credentials });
      const error = await failure(client.fetchEmployee(changeFor(JOHNSON.id), { deadline }));
      expect(error).toMatchObject({ kind: 'permanent', code: 'merge-auth', details: { status: 401 } });
      expect(error.message).toContain('check apiKey and accountToken in the HR-system secret (merge)');
      expect(error.message).not.toContain('revoked');
      expect(fake().requests).toHaveLength(1);
      expect(fake().requests[0]?.authorized).toBe(false);
    },
  );

  it('reports an employee Merge no longer has as permanent employee-not-found', async () => {
    const { client } = mergeClientFor(fake(), fast);
    const error = await failure(client.fetchEmployee(changeFor('404404404'), { deadline }));
    expect(error).toMatchObject({ kind: 'permanent', code: 'employee-not-found', details: { status: 404 } });
    expect(error.message).toBe('Merge has no employee 404404404 (404)');
    expect(fake().requests).toHaveLength(1);
  });
});

describe('Merge answers that are not what the API documents', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(() => close?.());

  /** A server that answers every GET with this status and body. */
  async function answering(respond: (url: URL) => [number, string]) {
    const server = createServer((req, res) => {
      const [status, text] = respond(new URL(req.url ?? '/', 'http://fake'));
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const clientAt = (url: string) => mergeClientFor({ url } as FakeMerge, { now, retry: { maxAttempts: 1 } });

  it('reports a 200 that is not JSON, or not an employee, as transient merge-bad-response', async () => {
    let body = '<html>maintenance</html>';
    const { client } = clientAt(await answering(() => [200, body]));
    await expect(client.fetchEmployee(changeFor(JOHNSON.id), { deadline })).rejects.toMatchObject({
      kind: 'transient',
      code: 'merge-bad-response',
    });
    body = '[]';
    await expect(client.fetchEmployee(changeFor(JOHNSON.id), { deadline })).rejects.toMatchObject({
      code: 'merge-bad-response',
    });
  });

  it('reports a list page without results as transient merge-bad-response', async () => {
    const { client } = clientAt(await answering(() => [200, '{"next": null}']));
    const pages = client.listEmployees();
    await expect(pages.next()).rejects.toMatchObject({ kind: 'transient', code: 'merge-bad-response' });
  });

  it('stops a paging loop: a next cursor given before', async () => {
    const { client } = clientAt(
      await answering(() => [200, '{"next": "c1", "previous": null, "results": []}']),
    );
    const pages = client.listEmployees();
    expect((await pages.next()).value).toEqual([]);
    expect((await pages.next()).value).toEqual([]);
    await expect(pages.next()).rejects.toMatchObject({ code: 'merge-bad-response' });
  });

  it('skips records without an id, and counts them', async () => {
    const results = [{ first_name: 'Katherine' }, 'E0', { id: '' }, { id: 'E1' }];
    const { client, logs } = clientAt(await answering(() => [200, JSON.stringify({ next: null, results })]));
    const pages = [];
    for await (const page of client.listEmployees()) pages.push(page);
    expect(pages).toEqual([[{ id: 'E1' }]]);
    expect(logs.find((line) => line.message === 'merge employees page')?.attributes).toEqual({
      page: 1,
      employees: 1,
      skippedWithoutId: 3,
    });
  });
});
