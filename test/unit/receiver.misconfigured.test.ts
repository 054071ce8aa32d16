import { describe, expect, it, vi } from 'vitest';
import { loadReceiver, problemOf } from '../support/receiver.js';
import { apiGatewayEvent, fixture, signedHeaders } from '../support/standard-webhook.js';

const body = fixture('employee-updated.json');

describe('a receiver deployed without what it needs', () => {
  it('answers 500 when QUEUE_URL is not set, so the sender retries once it is fixed', async () => {
    const { handler } = await loadReceiver();
    vi.stubEnv('QUEUE_URL', '');
    const response = await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));
    expect(response.statusCode).toBe(500);
    expect(problemOf(response).detail).toBe('the receiver is misconfigured; retry later');
  });

  it('answers 500 when the configuration is not valid', async () => {
    const { handler } = await loadReceiver();
    vi.stubEnv('HR_SYNC_CONFIG', '{"providers": {"standard": {"enabled": "yes"}}}');
    const response = await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('HR_SYNC_CONFIG');
  });
});
