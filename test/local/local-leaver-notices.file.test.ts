import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLeaverNotifier, NOTICES_FILE } from '../../lambda/local/leaver-notifier.js';
import { NOW } from '../support/access-review.js';
import { scratchDir } from '../support/cli.js';
import { leaverFinding } from '../support/leaver-findings.js';
import { recordingDeps } from '../support/recording.js';

const dirs: { remove: () => void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});

function setUp() {
  const dir = scratchDir();
  dirs.push(dir);
  const recorded = recordingDeps();
  let now = NOW;
  const notifier = createFileLeaverNotifier({
    dataDir: dir.path,
    graceHours: 24,
    log: recorded.deps.log,
    now: () => now,
  });
  return {
    notifier,
    file: join(dir.path, NOTICES_FILE),
    logs: recorded.logs,
    later: () => {
      now += 86_400_000;
    },
  };
}

describe('leaver notices in local mode (no SNS): a file in the data directory', () => {
  it('appends each notice to access-review-notices.txt, readable by its owner only', async () => {
    const { notifier, file, later } = setUp();
    await notifier.notify([leaverFinding(1)]);
    later();
    await notifier.notify([leaverFinding(2)]);
    const text = readFileSync(file, 'utf8');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(
      text.startsWith(
        '===== 2026-03-10T12:00:00.000Z heymarket-hr-sync: 1 leaver still holds a Heymarket seat\n1 person who has left',
      ),
    ).toBe(true);
    expect(text).toContain('===== 2026-03-11T12:00:00.000Z heymarket-hr-sync: 1 leaver still holds');
    expect(text).toContain('1. Dee Gone1 <dee1@example.test> bamboohr:801');
    expect(text).toContain('1. Dee Gone2 <dee2@example.test> bamboohr:802');
    expect(text).toContain('Administration > Users');
  });

  it('logs one line that names no one: how many leavers and which file to read', async () => {
    const { notifier, file, logs } = setUp();
    await notifier.notify([leaverFinding(1), leaverFinding(2)]);
    expect(logs).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: 'leavers still hold a Heymarket seat: notice written',
        attributes: { leavers: 2, file },
      }),
    ]);
    expect(JSON.stringify(logs)).not.toMatch(/Dee|example\.test|801|601/);
  });

  it('writes nothing when no leaver is given', async () => {
    const { notifier, file, logs } = setUp();
    await notifier.notify([]);
    expect(() => statSync(file)).toThrow();
    expect(logs).toEqual([]);
  });
});
