import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from './support/temp-queue.js';

/** A loopback port nobody listens on: taken from the OS, then let go. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('hr-sync reconcile with no --stack and no host running', () => {
  it('says to run npm start first and exits 2', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    try {
      const port = await freePort();
      const run = await runCli(['reconcile'], { cwd: dir.path, env: { PORT: String(port) } });

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `no hr-sync host answers at http://127.0.0.1:${port}: run \`npm start\` first`,
      );
      expect(run.stdout).toBe('');
    } finally {
      dir.remove();
    }
  });

  it('refuses --local with --stack', { timeout: 30_000 }, async () => {
    const run = await runCli(['reconcile', '--local', '--stack', 'Live']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pass --local or --stack NAME, not both');
  });
});
