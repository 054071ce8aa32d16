import { AccessReviewReport, parseStoredReview } from '../core/access-review-report.js';
import { SyncError } from '../core/errors.js';
import type { AccessReviewStore, AccessReviewUpdater } from '../core/ports.js';
import { errorCode, type LocalDatabase } from './database.js';

/**
 * The latest access review in the local data file: one row (`id = 1`) holding the review's JSON.
 * A newer build's table is created by `openDatabase`; an older build ignores it, so the schema
 * version stays. A row that no longer reads as a review is reported, never shown as "clean". An
 * `update` reads and writes in one immediate transaction: no other write, from this process or
 * another on the same file, can land between the two.
 */
export function createSqliteAccessReviewStore(db: LocalDatabase): AccessReviewStore & AccessReviewUpdater {
  const readRow = () => {
    let row: { report: string } | undefined;
    try {
      row = db.prepare('SELECT report FROM access_review WHERE id = 1').get() as
        | { report: string }
        | undefined;
    } catch (error) {
      throw unavailable('read', error);
    }
    if (row === undefined) return undefined;
    return parseStoredReview(row.report, 'the local data file');
  };
  const writeRow = (report: AccessReviewReport) => {
    try {
      db.prepare(
        'INSERT INTO access_review (id, report) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET report = excluded.report',
      ).run(JSON.stringify(AccessReviewReport.parse(report)));
    } catch (error) {
      throw unavailable('write', error);
    }
  };
  return {
    async read() {
      return readRow();
    },
    async write(report) {
      writeRow(report);
    },
    async update(apply) {
      const inTransaction = db.transaction(() => {
        const result = apply(readRow());
        if (result.review !== undefined) writeRow(result.review);
        return result;
      });
      try {
        return inTransaction.immediate();
      } catch (error) {
        if (error instanceof SyncError) throw error;
        throw unavailable('update', error);
      }
    },
  };
}

const unavailable = (operation: string, error: unknown) =>
  new SyncError(
    'transient',
    'access-review-unavailable',
    `access-review: ${operation} failed (${errorCode(error)})`,
  );
