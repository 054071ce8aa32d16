import type { AccessReviewReport, FindingKind } from './access-review-report.js';

const HOUR_MS = 3_600_000;

/** How many findings each list of the review holds, every list named (0 when empty). */
export function countKinds(report: AccessReviewReport): Record<FindingKind, number> {
  const counts: Record<FindingKind, number> = {
    'leaver-with-seat': 0,
    'hire-without-seat': 0,
    'seat-without-employee': 0,
  };
  for (const finding of report.findings) counts[finding.kind] += 1;
  return counts;
}

/**
 * How many leavers have held their seat for longer than `graceHours` since the review first saw them:
 * what the leavers-overdue alarm watches (`accessReview.leaverGraceHours`). A leaver seen exactly
 * `graceHours` ago is still within grace. Acknowledged leavers are not in the review, so not counted.
 */
export function countOverdueLeavers(report: AccessReviewReport, graceHours: number, now: number): number {
  const seenBefore = now - graceHours * HOUR_MS;
  return report.findings.filter(
    (finding) => finding.kind === 'leaver-with-seat' && Date.parse(finding.firstSeenAt) < seenBefore,
  ).length;
}
