import { describe, expect, it } from 'vitest';
import { reviewCsv, reviewTable } from '../../lambda/cli/access-review-output.js';
import type { AccessReviewReport } from '../../lambda/core/access-review-report.js';
import { NOW } from '../support/access-review.js';
import { leaverFinding } from '../support/leaver-findings.js';

// Every character a terminal or viewer could act on: C0 (ESC, CR, LF, TAB, NUL), DEL, C1 (CSI),
// the Unicode line and paragraph separators, bidirectional embeddings, overrides and isolates.
const HOSTILE = [
  '\u0000',
  '\u0007',
  '\t',
  '\r',
  '\n',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u2029',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
const UNSAFE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

function reportWith(name: string, userName: string, workEmail: string): AccessReviewReport {
  const leaver = leaverFinding(1, { name, workEmail });
  const orphan = { ...leaverFinding(2), kind: 'seat-without-employee' as const, employee: null };
  orphan.user = { id: 777, name: userName, roleId: 2 };
  return { generatedAt: '2026-03-10T12:00:00.000Z', stale: false, partial: [], findings: [leaver, orphan] };
}

describe('access review output: names from HR and Heymarket cannot drive the terminal', () => {
  it('shows a Heymarket name that would move the cursor up and erase a line as U+FFFD, so the orphan seat stays visible', () => {
    const report = reportWith('Dee', 'Mallory\u001b[1A\u001b[2K', 'dee@example.test');
    const table = reviewTable(report, 'local', NOW);
    expect(table).toContain('Heymarket user 777 Mallory\uFFFD[1A\uFFFD[2K, role 2');
    expect(table).not.toContain('\u001b');
  });

  it('replaces every control, line separator and bidirectional control in the table with U+FFFD, one for one', () => {
    const name = `A${HOSTILE.join('')}Z`;
    const table = reviewTable(reportWith(name, name, `e${HOSTILE.join('')}@example.test`), 'local', NOW);
    const lines = table.split('\n');
    expect(lines.join('')).not.toMatch(UNSAFE);
    expect(table).toContain(
      `A${'\uFFFD'.repeat(HOSTILE.length)}Z <e${'\uFFFD'.repeat(HOSTILE.length)}@example.test>`,
    );
    expect(table).toContain(`Heymarket user 777 A${'\uFFFD'.repeat(HOSTILE.length)}Z, role 2`);
    // A line break in a name forges no line: two findings, two lines that start with two spaces.
    expect(
      lines.filter((line) => line.startsWith('  bamboohr:') || line.startsWith('  Heymarket')),
    ).toHaveLength(2);
  });

  it('replaces them in the CSV too, where a spreadsheet or a terminal shows the cell', () => {
    const name = `A${HOSTILE.join('')}Z`;
    const csv = reviewCsv(reportWith(name, name, 'dee@example.test'));
    const rows = csv.split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows.join('')).not.toMatch(UNSAFE);
    expect(rows[1]).toContain(`,A${'\uFFFD'.repeat(HOSTILE.length)}Z,`);
    expect(rows[2]).toContain(`,777,A${'\uFFFD'.repeat(HOSTILE.length)}Z,2,`);
  });

  it('still prefixes a cell a spreadsheet would run as a formula, after replacing what comes before it', () => {
    const csv = reviewCsv(reportWith('=HYPERLINK("x")', '@SUM(1)', 'dee@example.test'));
    expect(csv).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(csv).toContain(`,'@SUM(1),`);
  });
});
