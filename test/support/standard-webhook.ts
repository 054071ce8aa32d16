import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEvent } from 'aws-lambda';

/** Invented test key: `whsec_` + base64 of 24 bytes. */
export const TEST_SECRET = `whsec_${Buffer.from('test-key-for-hr-sync-000').toString('base64')}`;

/**
 * A Standard Webhooks signature computed here with node:crypto, independently of the code under test:
 * HMAC-SHA256 keyed with the base64-decoded part after `whsec_`, over `id.timestamp.body`.
 */
export function signStandard(secret: string, id: string, timestamp: number, body: string | Buffer): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

export function signedHeaders(
  body: string | Buffer,
  options: { id?: string; timestamp?: number; secret?: string } = {},
): Record<string, string> {
  const id = options.id ?? 'msg_2mQxUq5ZHnCzJ0bLk7Tn1W';
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signStandard(options.secret ?? TEST_SECRET, id, timestamp, body),
  };
}

export const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/standard/${name}`, import.meta.url), 'utf8');

/** A REST API (v1) proxy event as API Gateway sends it for `POST /webhooks/{provider}`. */
export function apiGatewayEvent(options: {
  provider?: string;
  body: string | null;
  headers?: Record<string, string>;
  isBase64Encoded?: boolean;
}): APIGatewayProxyEvent {
  const provider = options.provider ?? 'standard';
  const headers = {
    'Content-Type': 'application/json',
    Host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'User-Agent': 'Svix-Webhooks/1.0',
    'X-Forwarded-Proto': 'https',
    ...options.headers,
  };
  return {
    resource: '/webhooks/{provider}',
    path: `/webhooks/${provider}`,
    httpMethod: 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { provider },
    stageVariables: null,
    body: options.body,
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'abc123',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: 'POST',
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '203.0.113.10',
        user: null,
        userAgent: 'Svix-Webhooks/1.0',
        userArn: null,
      },
      path: `/prod/webhooks/${provider}`,
      stage: 'prod',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: Date.now(),
      resourceId: 'abcdef',
      resourcePath: '/webhooks/{provider}',
    },
  };
}
