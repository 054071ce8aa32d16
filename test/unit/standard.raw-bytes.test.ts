import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent, signedHeaders, TEST_SECRET } from '../support/standard-webhook.js';

/**
 * Standard Webhooks signs `{id}.{timestamp}.` followed by the payload as sent
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md,
 * "Signature scheme"): the receiver verifies the bytes it got, not a decoding of them.
 */
const change = (firstName: string) =>
  `{"type":"employee.updated","occurredAt":"2026-01-31T18:42:00Z","employee":{"id":"E1001","workEmail":"e1001@example.test","firstName":"${firstName}"}}`;

// `Zo` then 0xEB: "ë" in Latin-1, and not UTF-8 (a lead byte with no continuation after it).
const notUtf8 = Buffer.concat([
  Buffer.from(change('Zo').slice(0, -4)),
  Buffer.from([0xeb]),
  Buffer.from('"}}'),
]);

async function deliver(bytes: Buffer, headers: Record<string, string>) {
  const { handler, sqs } = await loadReceiver();
  const response = await handler(
    apiGatewayEvent({ body: bytes.toString('base64'), isBase64Encoded: true, headers }),
  );
  return { response, queued: queuedMessages(sqs) };
}

describe('a Standard Webhooks delivery is verified over its raw bytes', () => {
  it('passes the signature when signed over bytes that are not UTF-8, then is answered 400', async () => {
    expect(notUtf8.toString('utf8')).toContain('\uFFFD');
    const { response, queued } = await deliver(notUtf8, signedHeaders(notUtf8));
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toBe('body: not valid UTF-8; send the body encoded as UTF-8');
    expect(queued).toEqual([]);
  });

  it('is refused with 401 when signed over the decoded text but sent as other bytes', async () => {
    const decoded = notUtf8.toString('utf8');
    expect(Buffer.from(decoded).equals(notUtf8)).toBe(false);
    const { response, queued } = await deliver(notUtf8, signedHeaders(decoded));
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).detail).toBe('standard: no webhook-signature matches the body');
    expect(queued).toEqual([]);
  });

  it('is refused with 401 when one signed body is sent as another that decodes to the same text', async () => {
    // Two different invalid bytes both decode to U+FFFD: the signature of one is not the other's.
    const other = Buffer.from(notUtf8);
    other[other.indexOf(0xeb)] = 0xff;
    expect(other.toString('utf8')).toBe(notUtf8.toString('utf8'));
    const { response, queued } = await deliver(other, signedHeaders(notUtf8));
    expect(response.statusCode).toBe(401);
    expect(queued).toEqual([]);
  });

  it('accepts UTF-8 with multi-byte characters, signed over its bytes, whether or not base64-encoded', async () => {
    const text = change('Zoë 😀');
    const bytes = Buffer.from(text);
    const encoded = await deliver(bytes, signedHeaders(bytes));
    expect(encoded.response.statusCode).toBe(202);
    expect(encoded.queued[0]?.body.employee.firstName).toBe('Zoë 😀');

    const { handler } = await loadReceiver();
    const plain = await handler(apiGatewayEvent({ body: text, headers: signedHeaders(bytes) }));
    expect(plain.statusCode).toBe(202);
  });

  it('accepts a text body signed by the reference library, an implementation independent of ours', async () => {
    const text = change('Zoë');
    const id = 'msg_reference';
    const timestamp = new Date(Math.floor(Date.now() / 1000) * 1000);
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp.getTime() / 1000),
      'webhook-signature': new Webhook(TEST_SECRET).sign(id, timestamp, text),
    };
    const { response } = await deliver(Buffer.from(text), headers);
    expect(response.statusCode).toBe(202);
  });
});
