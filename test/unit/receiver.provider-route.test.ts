import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { PERSONIO_TOKEN, personioFixture, personioHeaders } from '../support/fake-personio.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent, fixture, signedHeaders } from '../support/standard-webhook.js';

/**
 * The event API Gateway sends for an enabled provider's own resource (infra/webhook-api.ts): the resource path
 * is literal, `/webhooks/personio`, and there is no path parameter at all.
 */
function literalRouteEvent(
  provider: string,
  body: string,
  headers: Record<string, string>,
): APIGatewayProxyEvent {
  const event = apiGatewayEvent({ provider, body, headers });
  return {
    ...event,
    resource: `/webhooks/${provider}`,
    pathParameters: null,
    requestContext: { ...event.requestContext, resourcePath: `/webhooks/${provider}` },
  };
}

const standardBody = fixture('employee-updated.json');

describe("a delivery through a provider's own resource", () => {
  it('reaches the receiver as that provider: a signed Standard Webhooks delivery is queued', async () => {
    const { handler, sqs } = await loadReceiver();
    const response = await handler(literalRouteEvent('standard', standardBody, signedHeaders(standardBody)));

    expect(response.statusCode).toBe(202);
    const messages = queuedMessages(sqs);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message.body.provider).toBe('standard');
  });

  it('is verified as the provider the resource names: a Personio delivery is queued as personio', async () => {
    const { handler, sqs } = await loadReceiver({
      config: { providers: { personio: { enabled: true } } },
      webhookSecrets: { personio: PERSONIO_TOKEN },
    });
    const body = personioFixture('person-updated.json');
    const response = await handler(literalRouteEvent('personio', body, personioHeaders()));

    expect(response.statusCode).toBe(202);
    expect(queuedMessages(sqs).map((message) => message.body.provider)).toEqual(['personio']);
  });

  it("is refused 401 when the signature is another provider's: the resource, not the body, picks the verifier", async () => {
    const { handler, sqs } = await loadReceiver({
      config: { providers: { personio: { enabled: true } } },
      webhookSecrets: { personio: PERSONIO_TOKEN },
    });
    const response = await handler(literalRouteEvent('personio', standardBody, signedHeaders(standardBody)));

    expect(response.statusCode).toBe(401);
    expect(queuedMessages(sqs)).toEqual([]);
  });

  it('is answered 404 problem+json when the configuration has that provider off', async () => {
    const { handler, secrets } = await loadReceiver({
      config: { providers: { standard: { enabled: false } } },
    });
    const response = await handler(literalRouteEvent('standard', standardBody, signedHeaders(standardBody)));

    expect(response.statusCode).toBe(404);
    expect(problemOf(response).type).toBe('urn:heymarket-hr-sync:unknown-provider');
    expect(secrets.calls()).toEqual([]);
  });
});

describe('a delivery through /webhooks/{provider}, which serves every name that is not an enabled provider', () => {
  it('is answered 404 problem+json for a known provider that is not enabled, reading no secret', async () => {
    const { handler, secrets } = await loadReceiver();
    const response = await handler(
      apiGatewayEvent({ provider: 'hibob', body: standardBody, headers: signedHeaders(standardBody) }),
    );

    expect(response.statusCode).toBe(404);
    expect(problemOf(response).title).toBe('Unknown provider');
    expect(secrets.calls()).toEqual([]);
  });

  it('is answered 404 when the event carries no path parameter: the template path names no provider', async () => {
    const { handler } = await loadReceiver();
    const event = apiGatewayEvent({
      provider: 'standard',
      body: standardBody,
      headers: signedHeaders(standardBody),
    });
    const response = await handler({ ...event, pathParameters: null });

    expect(response.statusCode).toBe(404);
    expect(problemOf(response).type).toBe('urn:heymarket-hr-sync:unknown-provider');
  });
});
