import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BAMBOOHR_KEY, bamboohrFixture, bamboohrHeaders } from '../support/fake-bamboohr.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const NOW = Date.parse('2026-01-31T18:42:03.000Z');
const config = { providers: { bamboohr: { enabled: true } } };
const body = bamboohrFixture('event-employee-updated.json');

async function deliver(headers: Record<string, string>, payload = body) {
  const receiver = await loadReceiver({ config, webhookSecrets: { bamboohr: BAMBOOHR_KEY } });
  const response = await receiver.handler(apiGatewayEvent({ provider: 'bamboohr', body: payload, headers }));
  expect(queuedMessages(receiver.sqs)).toEqual([]);
  return response;
}

describe('a BambooHR delivery that cannot be trusted', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('is answered 401 when signed with another key', async () => {
    const response = await deliver(bamboohrHeaders(body, { key: 'a key nobody was given' }));
    expect(response.statusCode).toBe(401);
    expect(problemOf(response)).toEqual({
      type: 'urn:heymarket-hr-sync:signature-invalid',
      title: 'Signature not valid',
      status: 401,
      detail: 'bamboohr: x-bamboohr-signature does not match the body and timestamp',
    });
  });

  it('is answered 401 when the body was changed after signing', async () => {
    const response = await deliver(bamboohrHeaders(body), body.replace('67890', '67899'));
    expect(response.statusCode).toBe(401);
  });

  it('is answered 401 when it was sent more than 5 minutes ago (a replay)', async () => {
    const stale = String(Math.floor(NOW / 1000) - 301);
    const response = await deliver(bamboohrHeaders(body, { timestamp: stale }));
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).detail).toBe('bamboohr: x-bamboohr-timestamp is more than 5 minutes old');
  });

  it('is answered 401 when unsigned', async () => {
    const response = await deliver({ 'Content-Type': 'application/json' });
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).detail).toBe(
      'bamboohr: missing header x-bamboohr-signature, x-bamboohr-timestamp',
    );
  });

  it('is answered 401 before its body is read: a forged, malformed body is not a 400', async () => {
    const response = await deliver(bamboohrHeaders('{}', { key: 'forger' }), 'not json');
    expect(response.statusCode).toBe(401);
  });
});
