import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { requestLocalReconcile } from '../../lambda/cli/local-reconcile.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function hostAnswering(status: number, body: string): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('what the CLI makes of the local host’s reconcile answer', () => {
  it('refuses a 200 whose summary it cannot read, naming the field, instead of printing nonsense', async () => {
    const url = await hostAnswering(
      200,
      JSON.stringify({ runId: 'run-1', status: 'complete', listed: 'many' }),
    );

    await expect(requestLocalReconcile(url, {})).rejects.toThrow(
      /answered 200 with a summary this CLI cannot read \(dryRun .*\): is it an hr-sync host of this version\?/,
    );
  });
});
