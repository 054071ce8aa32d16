import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type HostProcess, killHost, startHostProcess } from './support/host-process.js';
import { tempDir } from './support/temp-queue.js';

let dir: ReturnType<typeof tempDir> | undefined;
let host: HostProcess | undefined;
afterEach(async () => {
  await killHost(host);
  dir?.remove();
});

describe('npm start with an acknowledgement that has run out', () => {
  it('starts, and says on stderr which entry has passed and that its findings show again', async () => {
    dir = tempDir();
    writeFileSync(
      join(dir.path, 'hr-sync.config.json'),
      JSON.stringify({
        providers: { standard: { enabled: true } },
        accessReview: {
          acknowledged: [
            { employee: 'standard:E1', until: '2020-01-31', reason: 'kept for the audit' },
            {
              employee: 'standard:E2',
              until: '2999-12-31',
              reason: 'contractor until the end of the project',
            },
          ],
        },
      }),
    );
    host = await startHostProcess({
      cwd: dir.path,
      env: { HR_SYNC_DATA_DIR: join(dir.path, 'data'), HR_SYNC_RECONCILE_EVERY: '0' },
    });
    await expect.poll(() => host?.stderr() ?? '').toContain('accessReview.acknowledged[0].until');
    const warnings = (host?.stderr() ?? '').split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^warning: config: accessReview\.acknowledged\[0\]\.until 2020-01-31 has passed, so the findings for standard:E1 show again; set a later date or remove the entry in \S*hr-sync\.config\.json$/,
      ),
    ]);
  });
});
