import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { type LocalHost, startLocalHost } from '../../lambda/local/host.js';
import type { HostSettings } from '../../lambda/local/host-settings.js';
import { MAX_BODY_BYTES } from '../../lambda/service/receive.js';
import { recordingDeps } from '../support/recording.js';
import { TEST_SECRET } from '../support/standard-webhook.js';
import { tempDir } from './support/temp-queue.js';

let dir: ReturnType<typeof tempDir>;
let host: LocalHost;
beforeEach(async () => {
  dir = tempDir();
  const settings: HostSettings = {
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir.path, 'data'),
    config: parseConfig({}, 'test'),
    configFile: undefined,
    heymarket: { kind: 'sandbox' },
    webhookSecrets: { standard: TEST_SECRET },
    hris: {},
    envFile: undefined,
    reconcileEveryMs: 0,
  };
  host = await startLocalHost(settings, { log: recordingDeps().deps.log });
});
afterEach(async () => {
  await host.stop();
  dir.remove();
});

const post = (path: string, body: RequestInit['body'], headers: Record<string, string> = {}) =>
  fetch(`${host.url}${path}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('local host HTTP routes', () => {
  it('reports the queue, the DLQ and the Heymarket target on GET /healthz', async () => {
    const response = await fetch(`${host.url}/healthz`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      status: 'ok',
      queue: { visible: 0, inFlight: 0 },
      dlq: 0,
      heymarket: 'sandbox',
    });
  });

  it('answers 404 problem+json for anything but the webhook and health routes', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/webhooks/standard'],
      ['POST', '/webhooks/standard/extra'],
      ['POST', '/healthz'],
    ] as const) {
      const response = await fetch(`${host.url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 404, title: 'Not found' });
    }
  });

  it('answers 404 for a provider that is unknown or not enabled, as the receiver does', async () => {
    for (const provider of ['workday', 'hibob']) {
      const response = await post(`/webhooks/${provider}`, '{}');
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ type: 'urn:heymarket-hr-sync:unknown-provider' });
    }
  });

  it('answers 413 to a body over 256 KB, whether its length is declared or it is streamed', async () => {
    const declared = await post('/webhooks/standard', Buffer.alloc(MAX_BODY_BYTES + 1, 0x20));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({
      type: 'urn:heymarket-hr-sync:body-too-large',
      status: 413,
    });

    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const streamed = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES * 2) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const response = await post('/webhooks/standard', streamed);
    expect(response.status).toBe(413);
    expect(await (await fetch(`${host.url}/healthz`)).json()).toMatchObject({ queue: { visible: 0 } });
  });

  it('takes a body of exactly 256 KB to the receiver, which checks its signature', async () => {
    const response = await post('/webhooks/standard', Buffer.alloc(MAX_BODY_BYTES, 0x20), {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      'webhook-signature': 'v1,AAAA',
    });

    expect(response.status).toBe(401);
  });
});
