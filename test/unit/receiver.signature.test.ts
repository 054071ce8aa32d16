import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent, fixture, signedHeaders } from '../support/standard-webhook.js';

const body = fixture('employee-updated.json');
const now = () => Math.floor(Date.now() / 1000);
const otherSecret = `whsec_${Buffer.from('a key nobody was given').toString('base64')}`;

describe('a delivery whose signature does not hold', () => {
  afterEach(() => vi.useRealTimers());

  it('is answered 401 when signed with another key, and nothing is queued', async () => {
    const { handler, sqs } = await loadReceiver();
    const response = await handler(
      apiGatewayEvent({ body, headers: signedHeaders(body, { secret: otherSecret }) }),
    );
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).detail).toBe('standard: no webhook-signature matches the body');
    expect(queuedMessages(sqs)).toEqual([]);
  });

  it('is answered 401 when the body was changed after signing', async () => {
    const { handler } = await loadReceiver();
    const headers = signedHeaders(body);
    const response = await handler(
      apiGatewayEvent({ body: body.replace('Engineering', 'Finance'), headers }),
    );
    expect(response.statusCode).toBe(401);
  });

  it('is answered 401 when signed more than 5 minutes ago', async () => {
    const { handler } = await loadReceiver();
    const response = await handler(
      apiGatewayEvent({ body, headers: signedHeaders(body, { timestamp: now() - 6 * 60 }) }),
    );
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).detail).toBe('standard: webhook-timestamp is more than 5 minutes old');
  });

  it('is answered 401 without a signature', async () => {
    const { handler } = await loadReceiver();
    const { 'webhook-signature': _, ...headers } = signedHeaders(body);
    const response = await handler(apiGatewayEvent({ body, headers }));
    expect(response.statusCode).toBe(401);
    expect(problemOf(response)).toEqual({
      type: 'urn:heymarket-hr-sync:signature-invalid',
      title: 'Signature not valid',
      status: 401,
      detail: 'standard: missing header webhook-signature',
    });
  });

  it('is verified again with a freshly read secret, so a rotated secret is picked up at once', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const { handler, secrets, sqs } = await loadReceiver();
    const first = fixture('batch.json');
    expect((await handler(apiGatewayEvent({ body: first, headers: signedHeaders(first) }))).statusCode).toBe(
      202,
    );

    // Later, the operator rotates the secret; the cached one no longer verifies.
    vi.setSystemTime(Date.now() + 31_000);
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ standard: otherSecret }) });
    const response = await handler(
      apiGatewayEvent({ body, headers: signedHeaders(body, { secret: otherSecret }) }),
    );

    expect(response.statusCode).toBe(202);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    expect(queuedMessages(sqs)).toHaveLength(4);
  });

  it('does not read the secret again for every forged request', async () => {
    const { handler, secrets } = await loadReceiver();
    for (let i = 0; i < 5; i += 1) {
      await handler(apiGatewayEvent({ body, headers: signedHeaders(body, { secret: otherSecret }) }));
    }
    // One read, then at most one forced refresh per 30 s per warm container.
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });
});
