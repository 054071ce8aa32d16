import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { SyncError } from '../core/errors.js';
import { leaverNotice } from '../core/leaver-notice.js';
import type { LeaverNotifier } from '../core/ports.js';
import type { Log } from '../observability/log.js';
import { errorCode } from './database.js';

/** Beside the data file: it names people, so it is private like everything in the directory. */
export const NOTICES_FILE = 'access-review-notices.txt';
const PRIVATE_FILE = 0o600;

export interface FileLeaverNotifierOptions {
  dataDir: string;
  /** `accessReview.leaverGraceHours`, which the notice states. */
  graceHours: number;
  log: Log;
  now?: () => number;
}

/**
 * Local mode has no SNS topic: each notice is appended to `access-review-notices.txt` in the data
 * directory (0600), and one log line, which names no one, says how many leavers and where to read.
 */
export function createFileLeaverNotifier(options: FileLeaverNotifierOptions): LeaverNotifier {
  const { dataDir, graceHours, log, now = Date.now } = options;
  const file = join(dataDir, NOTICES_FILE);
  return {
    async notify(findings) {
      const leavers = findings.filter((finding) => finding.kind === 'leaver-with-seat').length;
      if (leavers === 0) return;
      const at = now();
      const notice = leaverNotice(findings, { now: at, graceHours });
      const entry = `===== ${new Date(at).toISOString()} ${notice.subject}\n${notice.message}\n\n`;
      try {
        appendFileSync(file, entry, { encoding: 'utf8', mode: PRIVATE_FILE });
      } catch (error) {
        throw new SyncError(
          'transient',
          'leaver-notice-unavailable',
          `leaver notice: cannot append to ${file} (${errorCode(error)})`,
        );
      }
      log.warn('leavers still hold a Heymarket seat: notice written', { leavers, file });
    },
  };
}
