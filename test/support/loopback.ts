import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts a fake on a free loopback port. `close` also ends open keep-alive connections, so a test's
 * teardown never waits for a client's idle socket.
 */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
