import type { AccessReviewReport, Finding, FindingKind } from '../core/access-review-report.js';
import { replaceUnsafe } from '../core/unsafe-characters.js';

/**
 * A value HR or Heymarket holds, safe to print: a name typed as `Mallory\x1b[1A\x1b[2K` would move a
 * terminal's cursor up and erase the line above (an orphan seat the admin then never sees), so each
 * unsafe character (lambda/core/unsafe-characters.ts) shows as U+FFFD, which says something was there.
 */
const shown = (value: string) => replaceUnsafe(value, '\uFFFD');

const HEADINGS: Record<FindingKind, string> = {
  'leaver-with-seat': 'leavers who still hold a Heymarket seat (newest leavers first)',
  'hire-without-seat': 'employees in scope with no Heymarket seat',
  'seat-without-employee': 'Heymarket seats that match no HR employee',
};

const HOW_TO_ACT: Record<FindingKind, string> = {
  'leaver-with-seat': 'remove the user or change their role in Heymarket (Administration > Users)',
  'hire-without-seat': 'invite them in Heymarket (Administration > Users), or narrow accessReview.scope',
  'seat-without-employee':
    'remove the seat, map it with identityOverrides, or list the user in protectedUserIds',
};

/** `3 minutes`, `5 hours`, `2 days`: how long ago, rounded down, for a person. */
export function ago(fromIso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
  const [count, unit] =
    minutes < 60
      ? [minutes, 'minute']
      : minutes < 48 * 60
        ? [Math.floor(minutes / 60), 'hour']
        : [Math.floor(minutes / 1440), 'day'];
  return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
}

/** The review for a person: a header, then each non-empty list with what to do about it. */
export function reviewTable(report: AccessReviewReport, label: string, now: number): string {
  const lines = [
    `access review of ${label}, generated ${report.generatedAt} (${ago(report.generatedAt, now)})`,
  ];
  if (report.stale) {
    // The team listing, the remembered ids or the write may have failed: the scheduler's log
    // (`access review not computed`) says which.
    lines.push('STALE: the last run could not renew the review; this is the one before it');
  }
  if (report.partial.length > 0) {
    lines.push(
      `PARTIAL: could not list ${shown(report.partial.join(', '))}; their people may be missing from every list and are never reported as seats without an employee`,
    );
  }
  if (report.findings.length === 0) return [...lines, '', 'no findings'].join('\n');
  for (const kind of Object.keys(HEADINGS) as FindingKind[]) {
    const findings = report.findings.filter((finding) => finding.kind === kind);
    if (findings.length === 0) continue;
    lines.push('', `${HEADINGS[kind]}: ${findings.length}`, `  what to do: ${HOW_TO_ACT[kind]}`);
    for (const finding of findings) lines.push(`  ${describe(finding, now)}`);
  }
  return lines.join('\n');
}

function describe(finding: Finding, now: number): string {
  const { employee, user } = finding;
  const parts: string[] = [];
  if (employee) {
    const left = employee.terminationDate ? `, left ${employee.terminationDate}` : '';
    parts.push(
      shown(
        `${employee.provider}:${employee.id} ${employee.name ?? '(no name)'} <${employee.workEmail ?? 'no work email'}> ${employee.status ?? 'no status'}${left}`,
      ),
    );
  }
  if (user)
    parts.push(`Heymarket user ${user.id} ${shown(user.name ?? '(no name)')}, role ${user.roleId ?? 'none'}`);
  parts.push(`first seen ${ago(finding.firstSeenAt, now)}`);
  return parts.join('  ·  ');
}

const CSV_COLUMNS = [
  'kind',
  'provider',
  'employeeId',
  'name',
  'workEmail',
  'status',
  'terminationDate',
  'userId',
  'userName',
  'roleId',
  'firstSeenAt',
] as const;

/**
 * RFC 4180 CSV, one finding a row. A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
 * first: an HR name is typed by people) is prefixed with `'`, as OWASP advises
 * (https://owasp.org/www-community/attacks/CSV_Injection).
 */
export function reviewCsv(report: AccessReviewReport): string {
  const rows = report.findings.map((finding) => {
    const { employee, user } = finding;
    return [
      finding.kind,
      employee?.provider,
      employee?.id,
      employee?.name,
      employee?.workEmail,
      employee?.status,
      employee?.terminationDate,
      user?.id,
      user?.name,
      user?.roleId,
      finding.firstSeenAt,
    ].map(cell);
  });
  return [CSV_COLUMNS.join(','), ...rows.map((row) => row.join(','))].join('\r\n');
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = shown(String(value));
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
