import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { signedHeaders } from '../../support/standard-webhook.js';

const MAIN = fileURLToPath(new URL('../../../lambda/local/main.ts', import.meta.url));
// Resolved from the repository, so the host runs with any working directory, as `npm start` does.
const TSX = import.meta.resolve('tsx');

export interface HostProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`, read from the banner's `listening on` line. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in what the host has printed so far or prints next. */
  printed(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `node --import tsx lambda/local/main.ts` in `cwd`, with only the environment given (plus PATH and
 * a scratch HOME) and `PORT=0`, so no variable of the developer's shell leaks in and ports never
 * clash. Resolves once the banner says where it listens.
 */
export async function startHostProcess(options: {
  cwd: string;
  env?: Record<string, string>;
}): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), PORT: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  const notify = () => {
    for (const watcher of watchers) watcher();
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    notify();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      resolve({ code, signal });
      notify();
    }),
  );
  let ended = false;
  void exited.then(() => {
    ended = true;
  });

  const printed = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout);
        if (match) {
          watchers.delete(check);
          resolve(match);
        } else if (ended) {
          watchers.delete(check);
          reject(new Error(`host exited before printing ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }
      };
      watchers.add(check);
      check();
    });

  const [, url = ''] = await printed(/^listening on (http:\/\/\S+)$/m);
  return { child, url, stdout: () => stdout, stderr: () => stderr, printed, exited };
}

/** Stops the host if a test left it running. */
export async function killHost(host: HostProcess | undefined) {
  if (!host || host.child.exitCode !== null || host.child.signalCode !== null) return;
  host.child.kill('SIGKILL');
  await host.exited;
}

/** One signed Standard Webhooks delivery of one change, as an HR system would send it. */
export function deliverChange(
  url: string,
  secret: string,
  change: { id: string; employeeId: string; workEmail: string; firstName: string; occurredAt?: string },
) {
  const body = JSON.stringify({
    id: change.id,
    type: 'employee.updated',
    occurredAt: change.occurredAt ?? new Date().toISOString(),
    employee: { id: change.employeeId, workEmail: change.workEmail, firstName: change.firstName },
  });
  return fetch(`${url}/webhooks/standard`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signedHeaders(body, { id: `msg_${change.id}`, secret }),
    },
    body,
  });
}
