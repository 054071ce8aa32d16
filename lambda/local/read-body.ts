import type { IncomingMessage } from 'node:http';

export type BodyRead = { kind: 'body'; body: Buffer } | { kind: 'too-large' };

// After a 413, a little more of the body is read and thrown away, so that closing the connection
// does not reset it under the sender before it has read the answer; past this much, it is cut.
const DISCARD_FACTOR = 4;

/**
 * The raw request bytes (signatures cover them exactly), never more than `limit` of them held: a
 * declared `content-length` over the limit is refused before any byte is buffered, and a body that
 * grows past it is refused as soon as it does. The caller answers 413 and closes the connection.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    discardRest(req, limit * DISCARD_FACTOR);
    return Promise.resolve({ kind: 'too-large' });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      chunks.length = 0;
      discardRest(req, limit * DISCARD_FACTOR);
      resolve({ kind: 'too-large' });
    };
    req.on('data', onData);
    req.on('end', () => resolve({ kind: 'body', body: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

function discardRest(req: IncomingMessage, cap: number) {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > cap) req.destroy();
  });
  req.on('error', () => {});
  req.resume();
}
