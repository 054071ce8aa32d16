import { type AccessReviewReport, type Finding, findingKey } from './access-review-report.js';

/**
 * The leavers the administrators have not yet been told about: `leaver-with-seat` findings with no
 * `notifiedAt`. A finding keeps its `notifiedAt` from run to run (lambda/core/access-review.ts), so
 * each leaver is named once; one whose notice failed has none and is named by the next run. An
 * acknowledged leaver is not in the review at all, so it is never named.
 */
export function leaversToNotify(report: AccessReviewReport): Finding[] {
  return report.findings.filter((finding) => finding.kind === 'leaver-with-seat' && !finding.notifiedAt);
}

/** The review with these findings (same kind, employee and user) marked as notified at `now`. */
export function markNotified(
  report: AccessReviewReport,
  notified: readonly Finding[],
  now: number,
): AccessReviewReport {
  const keys = new Set(notified.map(findingKey));
  const notifiedAt = new Date(now).toISOString();
  return {
    ...report,
    findings: report.findings.map((finding) =>
      keys.has(findingKey(finding)) ? { ...finding, notifiedAt } : finding,
    ),
  };
}
