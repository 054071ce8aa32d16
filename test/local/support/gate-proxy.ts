import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../../support/loopback.js';

/**
 * A loopback proxy in front of the fake Heymarket that can hold `users/update` calls while it is
 * closed: a test knows a batch is in flight (held here) when it stops or kills the host. A held call
 * whose caller went away is dropped, never forwarded late.
 */
export interface GateProxy {
  url: string;
  /** Calls held so far, whether still waiting or dropped. */
  held(): number;
  /** Resolves once at least `count` calls have been held. */
  holding(count?: number): Promise<void>;
  open(): void;
  close(): Promise<void>;
}

export async function startGateProxy(upstream: string, options: { open?: boolean } = {}): Promise<GateProxy> {
  let isOpen = options.open ?? false;
  let heldCount = 0;
  const waiting: (() => void)[] = [];
  const watchers = new Set<() => void>();

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    if (req.socket.destroyed) return;
    const target = new URL(req.url ?? '/', upstream);
    const out = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    out.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (isOpen || !req.url?.startsWith('/v1/users/update')) return forward(req, res, body);
      heldCount += 1;
      waiting.push(() => forward(req, res, body));
      for (const watcher of watchers) watcher();
    });
  });
  const loopback = await listenOnLoopback(server);

  return {
    url: loopback.url,
    held: () => heldCount,
    holding: (count = 1) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (heldCount < count) return;
          watchers.delete(check);
          resolve();
        };
        watchers.add(check);
        check();
      }),
    open() {
      isOpen = true;
      for (const release of waiting.splice(0)) release();
    },
    close: loopback.close,
  };
}
