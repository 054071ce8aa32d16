import type { AccessReviewReport } from '../../lambda/core/access-review-report.js';
import type { AccessReviewStore, AccessReviewUpdater } from '../../lambda/core/ports.js';
import type { FakeEmployee } from './fake-bamboohr.js';
import type { FakeUserInput } from './fake-heymarket.js';

/**
 * The invented BambooHR people the reconcile access-review suites share: Ada and Ben at work and
 * seated, Cai hired with no seat, Dee left and still seated, Eli left with no seat.
 */
export const REVIEW_EMPLOYEES = {
  ada: { id: '800', firstName: 'Ada', lastName: 'Quill', workEmail: 'ada@example.test' },
  ben: { id: '801', firstName: 'Ben', lastName: 'Roe', workEmail: 'ben@example.test' },
  cai: { id: '802', firstName: 'Cai', lastName: 'New', workEmail: 'cai@example.test' },
  dee: {
    id: '803',
    firstName: 'Dee',
    lastName: 'Gone',
    workEmail: 'dee@example.test',
    status: 'Inactive',
    terminationDate: '2026-01-20',
  },
  eli: { id: '804', firstName: 'Eli', lastName: 'Left', workEmail: 'eli@example.test', status: 'Inactive' },
} satisfies Record<string, FakeEmployee>;

/** Their Heymarket seats, one seat nobody in HR holds (orphan) and an admin's (owner). */
export const REVIEW_SEATS = {
  ada: { id: 601, email: 'ada@example.test', first_name: 'Ada', last_name: 'Quill', role_id: 4 },
  ben: { id: 602, email: 'ben@example.test', first_name: 'Ben', last_name: 'Roe', role_id: 4 },
  dee: { id: 603, email: 'dee@example.test', first_name: 'Dee', last_name: 'Gone', role_id: 4 },
  orphan: { id: 604, email: 'orphan@example.test', first_name: 'Or', last_name: 'Phan', role_id: 4 },
  owner: { id: 605, email: 'owner@example.test', first_name: 'Own', last_name: 'Er', role_id: 1 },
} satisfies Record<string, FakeUserInput>;

/** What a log or a metric must never carry of them. */
export const REVIEW_PERSONAL = /Ada|Quill|Ben|Roe|Cai|Dee|Gone|Eli|Left|Phan|example\.test/;

/** The stored review in memory, with every write kept in order. */
export function memoryReviewStore(
  initial?: AccessReviewReport,
): AccessReviewStore &
  AccessReviewUpdater & { writes: AccessReviewReport[]; latest: () => AccessReviewReport | undefined } {
  let stored = initial;
  const writes: AccessReviewReport[] = [];
  const write = (report: AccessReviewReport) => {
    stored = report;
    writes.push(report);
  };
  return {
    writes,
    latest: () => stored,
    read: async () => stored,
    write: async (report) => write(report),
    update: async (apply) => {
      const result = apply(stored);
      if (result.review) write(result.review);
      return result;
    },
  };
}
