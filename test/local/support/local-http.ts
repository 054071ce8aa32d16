import { type IncomingHttpHeaders, request } from 'node:http';
import { join } from 'node:path';
import { parseConfig } from '../../../lambda/config/load.js';
import { type LocalHost, startLocalHost } from '../../../lambda/local/host.js';
import type { HostSettings } from '../../../lambda/local/host-settings.js';
import { recordingDeps } from '../../support/recording.js';
import { tempDir } from './temp-queue.js';

/** Local host settings over `dataDir`: loopback, any free port, the sandbox, the default config. */
export function hostSettings(dataDir: string, overrides: Partial<HostSettings> = {}): HostSettings {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    config: parseConfig({}, 'test'),
    configFile: undefined,
    heymarket: { kind: 'sandbox' },
    webhookSecrets: {},
    hris: {},
    envFile: undefined,
    reconcileEveryMs: 0,
    ...overrides,
  };
}

/** A host started in this process over a scratch data directory; `close` stops it and removes it. */
export async function startScratchHost(overrides: Partial<HostSettings> = {}) {
  const dir = tempDir();
  const dataDir = join(dir.path, 'data');
  const recording = recordingDeps();
  let host: LocalHost;
  try {
    host = await startLocalHost(hostSettings(dataDir, overrides), { log: recording.deps.log });
  } catch (error) {
    dir.remove();
    throw error;
  }
  return {
    host,
    dataDir,
    logs: recording.logs,
    close: async () => {
      await host.stop();
      dir.remove();
    },
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP/1.1 request with exactly the headers given, `Host` included (fetch sets its own), or no
 * `Host` at all when `host` is null.
 */
export function send(
  url: string,
  options: {
    method?: string;
    path: string;
    host?: string | null;
    headers?: Record<string, string>;
    body?: string;
  },
): Promise<Answer> {
  const { hostname, port } = new URL(url);
  const headers: Record<string, string> = { ...options.headers };
  if (options.host) headers.host = options.host;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname,
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers,
        setHost: options.host === undefined,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
