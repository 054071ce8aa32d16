import { afterEach, describe, expect, it } from 'vitest';
import { startScratchHost } from './support/local-http.js';
import { exchange, parseAnswer } from './support/raw-socket.js';

let scratch: Awaited<ReturnType<typeof startScratchHost>> | undefined;
afterEach(async () => {
  await scratch?.close();
  scratch = undefined;
});

const CONNECTIONS = 20;
// The bound the host promises (a slow client is cut within 10 s), with room for a loaded machine.
// Node's defaults (requestTimeout 300 s, checked every 30 s) would hold these connections for
// minutes: this is a behaviour bound, not a measure of speed.
const CUT_WITHIN_MS = 12_000;

describe('local host: a client slow to send its request is answered 408 and cut', () => {
  it(`answers ${CONNECTIONS} connections that sent half a body, or half their headers, 408 problem+json within ${CUT_WITHIN_MS / 1000} s`, {
    timeout: 30_000,
  }, async () => {
    scratch = await startScratchHost();
    const { url } = scratch.host;
    const halfBody = `POST /webhooks/standard HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n${'{'.padEnd(100, ' ')}`;
    const halfHeaders = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nx-slow: ';

    const exchanges = await Promise.all(
      Array.from({ length: CONNECTIONS }, (_, index) =>
        exchange(url, index % 4 === 3 ? halfHeaders : halfBody),
      ),
    );

    for (const [index, { received, closedAfterMs }] of exchanges.entries()) {
      expect(closedAfterMs, `connection ${index}`).toBeLessThan(CUT_WITHIN_MS);
      const answer = parseAnswer(received);
      expect(answer.status, `connection ${index}`).toBe(408);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({
        type: 'urn:heymarket-hr-sync:request-timeout',
        status: 408,
      });
    }
    // Cut quietly: a timeout is a warning with its status, never a failed request.
    expect(scratch.logs.filter((line) => line.message === 'request failed')).toEqual([]);
    expect(
      scratch.logs.filter((line) => line.message === 'request refused' && line.attributes?.status === 408),
    ).toHaveLength(CONNECTIONS);
  });
});
