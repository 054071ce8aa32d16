import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireHostLock, LOCK_FILE } from '../../lambda/local/host-lock.js';
import { tempDir } from './support/temp-queue.js';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir.remove());

describe('local host: one host per data directory', () => {
  it('refuses a second host while the first is running, naming its pid and the way out', () => {
    dir = tempDir();
    const lock = acquireHostLock(dir.path);

    expect(() => acquireHostLock(dir.path, process.pid + 1)).toThrow(
      new RegExp(`^data: another hr-sync host \\(pid ${process.pid}\\) is using ${dir.path}; stop it`),
    );
    lock.release();
    acquireHostLock(dir.path, process.pid + 1);
  });

  it('takes over the lock of a host that was killed', () => {
    dir = tempDir();
    // A pid above the kernel's pid_max is never running.
    writeFileSync(join(dir.path, LOCK_FILE), '99999999\n');

    acquireHostLock(dir.path);

    expect(readFileSync(join(dir.path, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
  });
});
