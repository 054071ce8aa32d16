import { describe, expect, it, vi } from 'vitest';
import { loadReceiver, problemOf } from '../support/receiver.js';
import { apiGatewayEvent, fixture, signedHeaders } from '../support/standard-webhook.js';

const body = fixture('employee-updated.json');

describe('a delivery for a provider that is not there', () => {
  it('is answered 404 for a provider nobody has heard of', async () => {
    const { handler, secrets } = await loadReceiver();
    const response = await handler(
      apiGatewayEvent({ provider: 'workday', body, headers: signedHeaders(body) }),
    );
    expect(response.statusCode).toBe(404);
    expect(problemOf(response).title).toBe('Unknown provider');
    expect(secrets.calls()).toEqual([]);
  });

  it('is answered 404 for a provider the configuration switched off', async () => {
    vi.stubEnv('HR_SYNC_CONFIG', JSON.stringify({ providers: { standard: { enabled: false } } }));
    const { handler } = await loadReceiver();
    const response = await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));
    expect(response.statusCode).toBe(404);
    vi.stubEnv('HR_SYNC_CONFIG', undefined);
  });

  it('is answered 404 for a known provider this build cannot receive yet', async () => {
    const { handler } = await loadReceiver();
    const response = await handler(
      apiGatewayEvent({ provider: 'bamboohr', body, headers: signedHeaders(body) }),
    );
    expect(response.statusCode).toBe(404);
  });
});
