/** One figure the issue sets a budget for: what was measured, the budget, and whether it holds. */
export interface BudgetRow {
  figure: string;
  /** As printed: `≤ 1.00 × peer`, `≥ 3,000`. */
  budget: string;
  value: number;
  /** How the value reads beside the budget: `1.12 × (0.95–1.40)`. */
  shown: string;
  pass: boolean;
}

export const atMost = (
  figure: string,
  value: number,
  limit: number,
  unit: string,
  shown: string,
  digits = 2,
): BudgetRow => ({
  figure,
  budget: `≤ ${limit.toFixed(digits)}${unit}`,
  value,
  shown,
  pass: value <= limit,
});

export const atLeast = (figure: string, value: number, limit: number, shown: string): BudgetRow => ({
  figure,
  budget: `≥ ${limit.toLocaleString('en-US')}`,
  value,
  shown,
  pass: value >= limit,
});

/** The rows as printed lines: figure, measured, budget, pass or FAIL. */
export const budgetLines = (rows: readonly BudgetRow[]): string[] =>
  rows.map(
    (row) =>
      `  ${row.figure.padEnd(76)}${row.shown.padEnd(26)}${row.budget.padEnd(16)}${row.pass ? 'pass' : 'FAIL'}`,
  );
