import { describe, expect, it } from 'vitest';
import { HIBOB_SECRET, signHiBob } from '../support/fake-hibob.js';
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
