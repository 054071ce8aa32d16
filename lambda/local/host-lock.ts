import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/load.js';

export const LOCK_FILE = 'host.lock';

export interface HostLock {
  release(): void;
}

/**
 * One local host per data directory. Owning it is what lets a starting host treat every message
 * still held, and every employee lease, as left by a process that is gone, and hand them back at
 * once instead of after the visibility timeout. A lock left by a killed host is taken over.
 */
export function acquireHostLock(dataDir: string, pid: number = process.pid): HostLock {
  const file = join(dataDir, LOCK_FILE);
  for (let tries = 0; tries < 2; tries += 1) {
    try {
      writeFileSync(file, `${pid}\n`, { flag: 'wx', mode: 0o600 });
      return {
        release() {
          if (holder(file) === pid) unlinkQuietly(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ConfigError(
          `data: cannot create ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
    }
    const other = holder(file);
    if (other !== undefined && other !== pid && isRunning(other)) {
      throw new ConfigError(
        `data: another hr-sync host (pid ${other}) is using ${dataDir}; stop it, set HR_SYNC_DATA_DIR to another directory, or delete ${file} if that process is not hr-sync`,
      );
    }
    unlinkQuietly(file);
  }
  throw new ConfigError(`data: cannot take ${file}: another host is starting on ${dataDir}`);
}

function holder(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user has that pid; it is running, whatever it is.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function unlinkQuietly(file: string) {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}
