import { afterEach, describe, expect, it } from 'vitest';
import { startScratchHost } from './support/local-http.js';
import { exchange, parseAnswer } from './support/raw-socket.js';

let scratch: Awaited<ReturnType<typeof startScratchHost>> | undefined;
afterEach(async () => {
  await scratch?.close();
  scratch = undefined;
});

describe('local host: what Node refuses before the handler is answered with problem+json too', () => {
  it('answers a 1 MB header with 431 and a problem+json body, then closes', async () => {
    scratch = await startScratchHost();

    const { received } = await exchange(
      scratch.host.url,
      `GET /healthz HTTP/1.1\r\nHost: localhost\r\nx-padding: ${'a'.repeat(1024 * 1024)}\r\n\r\n`,
    );

    const answer = parseAnswer(received);
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers.connection).toBe('close');
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
    expect(JSON.parse(answer.body)).toEqual({
      type: 'urn:heymarket-hr-sync:headers-too-large',
      title: 'Request header fields too large',
      status: 431,
      detail: 'the request line and headers are over 16 KB',
    });
  });

  it('answers a request that is not HTTP with 400 and a problem+json body, then closes', async () => {
    scratch = await startScratchHost();

    for (const bytes of [
      'NOT HTTP AT ALL\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: localhost\r\nbad header\r\n\r\n',
    ]) {
      const answer = parseAnswer((await exchange(scratch.host.url, bytes)).received);
      expect(answer.status, bytes).toBe(400);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({
        type: 'urn:heymarket-hr-sync:bad-request',
        status: 400,
      });
    }
  });
});
