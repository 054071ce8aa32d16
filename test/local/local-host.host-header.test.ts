import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_FILE } from '../../lambda/local/admin-token.js';
import { readHostSettings } from '../../lambda/local/host-settings.js';
import { signedHeaders, TEST_SECRET } from '../support/standard-webhook.js';
import { send, startScratchHost } from './support/local-http.js';
import { tempDir } from './support/temp-queue.js';

let scratch: Awaited<ReturnType<typeof startScratchHost>> | undefined;
afterEach(async () => {
  await scratch?.close();
  scratch = undefined;
});

/** One request of each route, with the Host given (null: none), every credential it needs. */
function everyRoute(url: string, dataDir: string, host: string | null) {
  const token = readFileSync(join(dataDir, ADMIN_TOKEN_FILE), 'utf8').trim();
  const delivery = JSON.stringify({
    id: 'evt-1',
    type: 'employee.updated',
    occurredAt: new Date().toISOString(),
    employee: { id: '42', workEmail: 'someone@example.test', firstName: 'Some' },
  });
  return {
    'GET /healthz': () => send(url, { path: '/healthz', host }),
    'POST /webhooks/standard': () =>
      send(url, {
        method: 'POST',
        path: '/webhooks/standard',
        host,
        headers: {
          'content-type': 'application/json',
          ...signedHeaders(delivery, { id: 'msg_1', secret: TEST_SECRET }),
        },
        body: delivery,
      }),
    'POST /reconcile': () =>
      send(url, {
        method: 'POST',
        path: '/reconcile',
        host,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{"dryRun":true}',
      }),
    'GET /nowhere': () => send(url, { path: '/nowhere', host }),
  };
}

const EXPECTED = {
  'GET /healthz': 200,
  'POST /webhooks/standard': 202,
  'POST /reconcile': 200,
  'GET /nowhere': 404,
};

describe('local host: the Host header must name this host (DNS rebinding)', () => {
  it('answers 421 problem+json on every route to Host: evil.example, and to a request without Host', async () => {
    scratch = await startScratchHost({ webhookSecrets: { standard: TEST_SECRET } });
    const port = new URL(scratch.host.url).port;

    for (const host of ['evil.example', `evil.example:${port}`, 'localhost.evil.example', null]) {
      for (const [route, call] of Object.entries(everyRoute(scratch.host.url, scratch.dataDir, host))) {
        const answer = await call();
        expect(answer.status, `${route} Host ${host}`).toBe(421);
        expect(answer.headers['content-type']).toBe('application/problem+json');
        expect(JSON.parse(answer.body)).toMatchObject({
          type: 'urn:heymarket-hr-sync:misdirected-request',
          status: 421,
        });
      }
    }
    // Nothing refused went further: no delivery queued, no reconcile run.
    expect(scratch.logs.some((line) => line.message === 'reconcile finished')).toBe(false);
    expect(JSON.parse((await send(scratch.host.url, { path: '/healthz' })).body)).toMatchObject({
      queue: { visible: 0, inFlight: 0 },
    });
  });

  it('lets localhost, 127.0.0.1 and [::1], with or without the port, through every route', async () => {
    scratch = await startScratchHost({ webhookSecrets: { standard: TEST_SECRET } });
    const port = new URL(scratch.host.url).port;

    for (const host of [
      'localhost',
      `localhost:${port}`,
      '127.0.0.1',
      `127.0.0.1:${port}`,
      '[::1]',
      `[::1]:${port}`,
      'LocalHost',
    ]) {
      for (const [route, call] of Object.entries(everyRoute(scratch.host.url, scratch.dataDir, host))) {
        expect((await call()).status, `${route} Host ${host}`).toBe(EXPECTED[route as keyof typeof EXPECTED]);
      }
    }
  });

  it('lets a name in HR_SYNC_ALLOWED_HOSTS through, and no other', async () => {
    scratch = await startScratchHost({ allowedHosts: ['hr-sync.example.test'] });

    const allowed = await send(scratch.host.url, { path: '/healthz', host: 'hr-sync.example.test:443' });
    const other = await send(scratch.host.url, { path: '/healthz', host: 'other.example.test' });

    expect(allowed.status).toBe(200);
    expect(other.status).toBe(421);
  });

  it('reads HR_SYNC_ALLOWED_HOSTS as names separated by commas, and refuses one with a scheme or port', () => {
    const dir = tempDir();
    try {
      const settings = readHostSettings(
        { HR_SYNC_ALLOWED_HOSTS: ' Hooks.Example.test, tunnel.example.net.,[::2]' },
        dir.path,
      );
      expect(settings.allowedHosts).toEqual(['hooks.example.test', 'tunnel.example.net', '[::2]']);

      for (const value of ['https://hooks.example.test', 'hooks.example.test:8443', 'a b']) {
        expect(() => readHostSettings({ HR_SYNC_ALLOWED_HOSTS: value }, dir.path), value).toThrow(
          /^environment: HR_SYNC_ALLOWED_HOSTS must be host names separated by commas, without a scheme or port/,
        );
      }
    } finally {
      dir.remove();
    }
  });
});
