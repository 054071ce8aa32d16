import { describe, expect, it } from 'vitest';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent, fixture, signedHeaders } from '../support/standard-webhook.js';

/**
 * The `webhook-signature` header as the Standard Webhooks specification writes it
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md, "Webhook
 * headers"): space-delimited `version,base64` entries. Only an exact `v1` entry holding the canonical
 * base64 of the 32-byte MAC is a signature; everything else is skipped, and a header with nothing else
 * is a 401 whatever bytes its base64 would decode to.
 */
const body = fixture('employee-updated.json');
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function signed() {
  const headers = signedHeaders(body);
  const mac = (headers['webhook-signature'] ?? '').slice('v1,'.length);
  const withSignature = (signature: string) => ({ ...headers, 'webhook-signature': signature });
  return { mac, withSignature };
}

async function deliver(headers: Record<string, string>) {
  const { handler, sqs } = await loadReceiver();
  const response = await handler(apiGatewayEvent({ body, headers }));
  return { response, queued: queuedMessages(sqs) };
}

async function expectRefused(headers: Record<string, string>) {
  const { response, queued } = await deliver(headers);
  expect(response.statusCode).toBe(401);
  expect(problemOf(response).detail).toBe('standard: no webhook-signature matches the body');
  expect(queued).toEqual([]);
}

describe('a Standard Webhooks signature header', () => {
  it('is accepted when it holds exactly the v1 signature of the body', async () => {
    const { mac, withSignature } = signed();
    const { response, queued } = await deliver(withSignature(`v1,${mac}`));
    expect(response.statusCode).toBe(202);
    expect(queued).toHaveLength(1);
  });

  it.each([
    ['junk after the signature', (mac: string) => `v1,${mac}!!`],
    ['a third comma-separated part', (mac: string) => `v1,${mac},x`],
    ['text after the padding', (mac: string) => `v1,${mac}junk`],
    ['a second padding character', (mac: string) => `v1,${mac}=`],
    ['the padding left out', (mac: string) => `v1,${mac.replace(/=$/, '')}`],
    ['a space after the comma', (mac: string) => `v1, ${mac}`],
    ['a space before the comma', (mac: string) => `v1 ,${mac}`],
    ['a tab after the signature', (mac: string) => `v1,${mac}\t`],
    ['a tab before the version', (mac: string) => `\tv1,${mac}`],
    ['a line break inside', (mac: string) => `v1,${mac.slice(0, 20)}\n${mac.slice(20)}`],
    ['the version in capitals', (mac: string) => `V1,${mac}`],
    ['the version with no comma', (mac: string) => `v1${mac}`],
  ])('is refused with 401 for %s', async (_, write) => {
    const { mac, withSignature } = signed();
    await expectRefused(withSignature(write(mac)));
  });

  it('is refused with 401 when written in the URL-safe alphabet', async () => {
    // A MAC with a `+` or a `/` in it, so that the URL-safe spelling differs (about 3 ids in 4 have one).
    const [headers] = Array.from({ length: 64 }, (_, n) => signedHeaders(body, { id: `msg_${n}` })).filter(
      (candidate) => /[+/]/.test(candidate['webhook-signature'] ?? ''),
    );
    const signature = headers?.['webhook-signature'] ?? '';
    const urlSafe = signature.replaceAll('+', '-').replaceAll('/', '_');
    expect(urlSafe).not.toBe(signature);
    await expectRefused({ ...headers, 'webhook-signature': urlSafe });
  });

  it('is refused with 401 for a non-canonical spelling of the right 32 bytes', async () => {
    const { mac, withSignature } = signed();
    // The last data character carries two unused low bits; setting one keeps the decoded bytes.
    const last = BASE64.indexOf(mac.charAt(42));
    const spelled = `${mac.slice(0, 42)}${BASE64.charAt(last ^ 1)}=`;
    expect(Buffer.from(spelled, 'base64').equals(Buffer.from(mac, 'base64'))).toBe(true);
    await expectRefused(withSignature(`v1,${spelled}`));
  });

  it.each([
    ['31 bytes, the MAC cut short', (mac: Buffer) => mac.subarray(0, 31)],
    ['33 bytes, the MAC and one more', (mac: Buffer) => Buffer.concat([mac, Buffer.from([0])])],
    ['64 bytes, the MAC twice', (mac: Buffer) => Buffer.concat([mac, mac])],
  ])('is refused with 401 for a signature of the wrong length: %s', async (_, resize) => {
    const { mac, withSignature } = signed();
    await expectRefused(withSignature(`v1,${resize(Buffer.from(mac, 'base64')).toString('base64')}`));
  });

  it('skips entries of other versions and malformed ones, and takes the v1 entry that matches', async () => {
    const { mac, withSignature } = signed();
    const header = [
      `v1a,${Buffer.alloc(64, 7).toString('base64')}`,
      `v2,${mac}`,
      `v1,${mac}!!`,
      '',
      `v1,${Buffer.alloc(32, 1).toString('base64')}`,
      `v1,${mac}`,
    ].join(' ');
    const { response, queued } = await deliver(withSignature(header));
    expect(response.statusCode).toBe(202);
    expect(queued).toHaveLength(1);
  });

  it('is refused with 401 when the right signature is sent under another version only', async () => {
    const { mac, withSignature } = signed();
    await expectRefused(withSignature(`v1a,${mac} v2,${mac}`));
  });

  it('is refused with 401 when the timestamp is written with a leading zero or a sign', async () => {
    const headers = signedHeaders(body);
    const seconds = headers['webhook-timestamp'] ?? '';
    for (const timestamp of [`0${seconds}`, `+${seconds}`, `${seconds}.0`]) {
      const { response, queued } = await deliver({ ...headers, 'webhook-timestamp': timestamp });
      expect(response.statusCode).toBe(401);
      expect(problemOf(response).detail).toBe('standard: webhook-timestamp is not unix seconds');
      expect(queued).toEqual([]);
    }
  });

  it('is refused with 401 when the webhook-id is not visible ASCII, whatever was signed', async () => {
    const id = 'msg_ü';
    const headers = signedHeaders(body, { id });
    const { response, queued } = await deliver(headers);
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).detail).toBe('standard: webhook-id is not visible ASCII');
    expect(queued).toEqual([]);
  });
});
