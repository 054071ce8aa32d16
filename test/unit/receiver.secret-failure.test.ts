import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { loadReceiver, problemOf, queuedMessages, WEBHOOK_SECRET_ARN } from '../support/receiver.js';
import { apiGatewayEvent, fixture, signedHeaders } from '../support/standard-webhook.js';

const body = fixture('employee-updated.json');

describe('a delivery when the webhook secret cannot be used', () => {
  it('is answered 503 when Secrets Manager is unavailable, so the sender retries', async () => {
    const { handler, secrets, sqs } = await loadReceiver();
    secrets
      .on(GetSecretValueCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const response = await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));

    expect(response.statusCode).toBe(503);
    expect(problemOf(response).type).toBe('urn:heymarket-hr-sync:secrets-unavailable');
    expect(queuedMessages(sqs)).toEqual([]);
  });

  it('is answered 500 when the secret has no key for the provider, without naming the secret', async () => {
    const { handler, secrets } = await loadReceiver();
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ bamboohr: 'k' }) });
    const response = await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));

    expect(response.statusCode).toBe(500);
    expect(problemOf(response).detail).toBe('the receiver is misconfigured; retry later');
    expect(response.body).not.toContain(WEBHOOK_SECRET_ARN);
  });

  it('is answered 500 when the secret does not exist', async () => {
    const { handler, secrets } = await loadReceiver();
    secrets
      .on(GetSecretValueCommand)
      .rejects(Object.assign(new Error('no such secret'), { name: 'ResourceNotFoundException' }));
    const response = await handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));
    expect(response.statusCode).toBe(500);
    expect(problemOf(response).type).toBe('urn:heymarket-hr-sync:secret-not-found');
  });
});
