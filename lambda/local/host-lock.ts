import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/load.js';

export const LOCK_FILE = 'host.lock';

export interface HostLock {
  release(): void;
}

// Rounds of "create, else look at the holder": a takeover in progress lasts microseconds, so a few
// short waits see it end (and then the new holder is refused as running).
const ATTEMPTS = 50;
const WAIT_MS = 5;
// Takeover markers a killed host may have left; each one costs a start one more link(2) call.
const MAX_MARKERS = 16;

/**
 * One local host per data directory. Owning it is what lets a starting host treat every message
 * still held, and every employee lease, as left by a process that is gone, and hand them back at
 * once instead of after the visibility timeout. A lock left by a killed host is taken over.
 *
 * Atomic, so two hosts never both own it:
 * - the lock is created whole, by link(2) of a file already holding the pid: link fails if the name
 *   exists (as O_EXCL), and no one ever reads a lock that is still empty;
 * - only its living owner (release) or the holder of a takeover marker removes it, and the marker
 *   holder removes it only after reading, while holding the marker, that its owner is gone. Markers
 *   are created by link(2) as well, so one host at a time holds one; one left by a host killed in
 *   the middle of a takeover (its pid gone) is stepped over to the next, never removed, since
 *   removing it could let two hosts hold markers at once.
 */
export function acquireHostLock(dataDir: string, pid: number = process.pid): HostLock {
  const file = join(dataDir, LOCK_FILE);
  const mine = `${file}.${pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(mine, `${pid}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    throw new ConfigError(`data: cannot create ${mine} (${codeOf(error)})`);
  }
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      if (linked(mine, file)) {
        return {
          release() {
            if (holder(file) === pid) unlinkQuietly(file);
          },
        };
      }
      const other = holder(file);
      if (other !== undefined && other !== pid && isRunning(other)) {
        throw new ConfigError(
          `data: another hr-sync host (pid ${other}) is using ${dataDir}; stop it, set HR_SYNC_DATA_DIR to another directory, or delete ${file} if that process is not hr-sync`,
        );
      }
      const tookOver = withTakeoverMarker(file, mine, pid, () => {
        // Under the marker no one else removes the lock, so the one read here is the one removed.
        const current = holder(file);
        if (current === undefined || current === pid || !isRunning(current)) unlinkQuietly(file);
      });
      if (!tookOver) pause(WAIT_MS);
    }
  } finally {
    unlinkQuietly(mine);
  }
  throw new ConfigError(
    `data: cannot take ${file}: another host is starting on ${dataDir}, or a takeover left ${file}.takeover.* files behind; stop the other host, or delete those files if no hr-sync host runs`,
  );
}

/**
 * Runs `critical` holding a takeover marker; false when another living host holds the marker now
 * (it is taking the lock over: look again in a moment).
 */
function withTakeoverMarker(file: string, mine: string, pid: number, critical: () => void): boolean {
  for (let index = 0; index < MAX_MARKERS; index += 1) {
    const marker = `${file}.takeover.${index}`;
    if (linked(mine, marker)) {
      try {
        critical();
      } finally {
        unlinkQuietly(marker);
      }
      return true;
    }
    const other = holder(marker);
    // Gone already (its holder finished): the caller looks at the lock again.
    if (other === undefined && !existsSync(marker)) return false;
    if (other !== undefined && other !== pid && isRunning(other)) return false;
  }
  return false;
}

/** link(2): creates `name` for the complete file `source`, or fails if `name` exists. */
function linked(source: string, name: string): boolean {
  try {
    linkSync(source, name);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new ConfigError(`data: cannot create ${name} (${codeOf(error)})`);
  }
}

function holder(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists (signal 0 probes without signalling). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user has that pid; it is running, whatever it is.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A synchronous wait: acquiring is synchronous, and start-up has nothing else to do meanwhile. */
function pause(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function unlinkQuietly(file: string) {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'error';
