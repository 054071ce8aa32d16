import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isRunning } from './host-lock.js';

/**
 * Calls `onGone` once `npm` (the process that ran `npm start`) has exited. npm forwards SIGTERM and
 * SIGINT to the host, but nothing can forward a SIGKILL: without this the host would outlive npm as an
 * orphan that still holds the port and host.lock. npm runs the script through `sh -c`, which stays
 * between them, so npm is the parent or the grandparent; it is found by its command line and watched
 * by pid. Without an npm above it (run with `node` directly), nothing is watched. The timer never keeps
 * the process up.
 */
export function watchNpm(onGone: () => void, intervalMs = 1_000): () => void {
  const npm = findNpmAncestor();
  if (npm === undefined) return () => {};
  const timer = setInterval(() => {
    if (isRunning(npm)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function findNpmAncestor(): number | undefined {
  let pid = process.ppid;
  for (let depth = 0; depth < 2 && pid > 1; depth += 1) {
    const info = describe(pid);
    if (info === undefined) return undefined;
    if (/(^|[/\s])npm(-cli\.js)?(\s|$)/.test(info.command)) return pid;
    pid = info.ppid;
  }
  return undefined;
}

/** A process's parent and command line: /proc on Linux, `ps` elsewhere (macOS). */
function describe(pid: number): { ppid: number; command: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces; the parent pid is the 2nd field after it.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return { ppid, command };
  } catch {
    const ps = spawnSync('ps', ['-o', 'ppid=,command=', '-p', String(pid)], { encoding: 'utf8' });
    const match = /^\s*(\d+)\s+(.*)$/.exec(ps.stdout ?? '');
    return match ? { ppid: Number(match[1]), command: match[2] ?? '' } : undefined;
  }
}
