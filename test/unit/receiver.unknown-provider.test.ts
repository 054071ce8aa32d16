import { describe, expect, it } from 'vitest';
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
    const { handler } = await loadReceiver({ config: { providers: { standard: { enabled: false } } } });
    const response = await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));
    expect(response.statusCode).toBe(404);
  });

  it('is answered 404 for a known provider the configuration leaves off', async () => {
    const { handler } = await loadReceiver();
    const response = await handler(
      apiGatewayEvent({ provider: 'bamboohr', body, headers: signedHeaders(body) }),
    );
    expect(response.statusCode).toBe(404);
  });
});
