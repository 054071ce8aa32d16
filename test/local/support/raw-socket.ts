import { connect } from 'node:net';

export interface RawExchange {
  /** Everything the server sent before the connection ended. */
  received: string;
  /** Since the connection was opened, by the real clock. */
  closedAfterMs: number;
}

/**
 * Opens a TCP connection to `url`, writes `bytes` (ignoring a reset while writing: a server may
 * close on a client still sending), and resolves once the server has ended the connection, with
 * what it sent. It ends the connection itself only after `giveUpAfterMs`, so that a server that
 * never does fails the test's assertion rather than its timeout.
 */
export function exchange(url: string, bytes: string | Buffer, giveUpAfterMs = 20_000): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  const openedAt = Date.now();
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    const giveUp = setTimeout(() => socket.destroy(), giveUpAfterMs);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ received: Buffer.concat(chunks).toString('utf8'), closedAfterMs: Date.now() - openedAt });
    });
  });
}

/** A raw HTTP/1.1 answer split into its status, its headers (lower-case names) and its body. */
export function parseAnswer(text: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}
