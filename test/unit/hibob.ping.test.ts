import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../lambda/core/errors.js';
import { findProvider } from '../../lambda/providers/index.js';
import { webhookHandlerOf } from '../../lambda/providers/webhook-handlers.js';
import { HIBOB_SECRET, hibobFixture, signHiBob } from '../support/fake-hibob.js';
import { loadReceiver, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const config = { providers: { hibob: { enabled: true, companyId: 636192 } } };

async function post(body: string, headers: Record<string, string>) {
  const receiver = await loadReceiver({ config, webhookSecrets: { hibob: HIBOB_SECRET } });
  const response = await receiver.handler(apiGatewayEvent({ provider: 'hibob', body, headers }));
  return { response, messages: queuedMessages(receiver.sqs) };
}

// HiBob's setup handshake (apidocs.hibob.com, "Working with webhooks", step 2): "Ping test" as a
// string, then {"text":"Ping test"} if that failed; anything but a 2xx fails the setup.
describe("HiBob's setup ping", () => {
  it.each([
    ['as plain text, unsigned', 'Ping test', { 'Content-Type': 'text/plain' }],
    ['as JSON, unsigned', '{"text":"Ping test"}', {}],
    ['as plain text, signed', 'Ping test', { 'Bob-Signature': signHiBob('Ping test') }],
    ['as JSON, signed with a secret not stored yet', '{"text":"Ping test"}', { 'Bob-Signature': 'AAAA' }],
  ])('is answered 200 %s, and nothing is queued', async (_, body, headers) => {
    const { response, messages } = await post(body, headers);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ignored: 'HiBob ping (webhook setup handshake)' });
    expect(messages).toEqual([]);
  });

  it('is answered 200 before the HiBob webhook secret has been stored', async () => {
    const receiver = await loadReceiver({ config });
    receiver.secrets.reset();
    receiver.secrets.onAnyCommand().resolves({ SecretString: '{}' });
    const response = await receiver.handler(
      apiGatewayEvent({ provider: 'hibob', body: 'Ping test', headers: {} }),
    );
    expect(response.statusCode).toBe(200);
    expect(receiver.secrets.calls()).toHaveLength(0);
  });

  it('does not open the door to a forged event: an unsigned event is still 401', async () => {
    const body = JSON.stringify({
      text: 'Ping test',
      companyId: 636192,
      type: 'employee.deleted',
      triggeredAt: '2026-02-01T09:00:00',
      data: { employeeId: '1' },
    });
    const { response, messages } = await post(body, {});
    expect(response.statusCode).toBe(401);
    expect(messages).toEqual([]);
  });
});

describe('the Bob-Signature check around the ping', () => {
  /** Verification as the receiver runs it, with HiBob's own Bob-Signature when one is given. */
  function verify(body: string, signature?: string) {
    const headers: Record<string, string> = signature === undefined ? {} : { 'bob-signature': signature };
    webhookHandlerOf('hibob').verify({
      body: Buffer.from(body),
      header: (name) => headers[name.toLowerCase()],
      secret: HIBOB_SECRET,
      now: Date.parse('2030-01-01T00:00:00Z'),
    });
  }
  // Independent of the code under test and of the support helper: node:crypto, spelled out here.
  const vector = (payload: string, secret: string) =>
    createHmac('sha512', secret).update(payload).digest('base64');

  it('is not needed on an exact setup ping, plain text or JSON', () => {
    expect(findProvider('hibob')).toBeDefined();
    for (const ping of ['Ping test', '{"text":"Ping test"}', ' { "text" : "Ping test" }\n', '"Ping test"']) {
      expect(() => verify(ping)).not.toThrow();
      expect(() => verify(ping, vector(ping, 'a key we do not hold'))).not.toThrow();
    }
  });

  it('is still needed on anything that is only like a ping', () => {
    const body = hibobFixture('employee-updated.json');
    for (const almost of [
      'Ping test!',
      'ping test',
      '{"text":"Ping test","type":"employee.deleted"}',
      '{"text":"Ping test ","data":{}}',
      '["Ping test"]',
      JSON.stringify({ ...JSON.parse(body), text: 'Ping test' }),
    ]) {
      let error: unknown;
      try {
        verify(almost);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(SyncError);
      expect(error).toMatchObject({ kind: 'auth', code: 'signature-invalid' });
    }
  });
});
