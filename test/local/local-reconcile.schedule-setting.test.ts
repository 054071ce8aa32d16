import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lambda/config/load.js';
import { readHostAddress, readHostSettings } from '../../lambda/local/host-settings.js';
import { tempDir } from './support/temp-queue.js';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir.remove());

const HOUR = 3_600_000;

describe('HR_SYNC_RECONCILE_EVERY and where hr-sync reconcile finds the host', () => {
  it('reconciles once a day by default, every N hours when set, never at 0', () => {
    dir = tempDir();
    expect(readHostSettings({}, dir.path).reconcileEveryMs).toBe(24 * HOUR);
    expect(readHostSettings({ HR_SYNC_RECONCILE_EVERY: '6' }, dir.path).reconcileEveryMs).toBe(6 * HOUR);
    expect(readHostSettings({ HR_SYNC_RECONCILE_EVERY: '0.5' }, dir.path).reconcileEveryMs).toBe(HOUR / 2);
    expect(readHostSettings({ HR_SYNC_RECONCILE_EVERY: '0' }, dir.path).reconcileEveryMs).toBe(0);
  });

  it('refuses a value that is not a number of hours, naming the variable', () => {
    dir = tempDir();
    for (const value of ['daily', '-1', '501']) {
      expect(() => readHostSettings({ HR_SYNC_RECONCILE_EVERY: value }, dir.path)).toThrow(ConfigError);
      try {
        readHostSettings({ HR_SYNC_RECONCILE_EVERY: value }, dir.path);
      } catch (error) {
        expect((error as Error).message).toContain(
          'environment: HR_SYNC_RECONCILE_EVERY must be a number of hours from 0 to 500',
        );
      }
    }
  });

  it('reads PORT and HOST as the host does, .env included', () => {
    dir = tempDir();
    expect(readHostAddress({}, dir.path)).toEqual({ port: 3000, host: '127.0.0.1' });
    writeFileSync(join(dir.path, '.env'), 'PORT=4100\nHOST=::1\n');
    expect(readHostAddress({}, dir.path)).toEqual({ port: 4100, host: '::1' });
    expect(readHostAddress({ PORT: '4200' }, dir.path)).toEqual({ port: 4200, host: '::1' });
  });
});
