import { atMost, type BudgetRow } from './budgets.js';
import type { WorkerFigures } from './worker-efficiency.js';

/**
 * Issue 15's call budgets: per scenario, `users/update` and `users/get` calls against their floors,
 * and, where events were thin, HR API reads against theirs: each ≤ 1.00 × the floor.
 */
export function workerBudgets(scenarios: readonly WorkerFigures[]): BudgetRow[] {
  return scenarios.flatMap((w) => {
    const name = `${w.provider === 'bamboohr' ? 'thin BambooHR' : 'Standard'}, chunk ${w.chunkSize} of batch ${w.batchSize}`;
    const row = (figure: string, actual: number, floor: number) =>
      atMost(
        `${figure} ÷ floor (${name})`,
        actual / floor,
        1,
        ' × floor',
        `${(actual / floor).toFixed(2)} (${actual} / ${floor})`,
      );
    return [
      row('Heymarket users/update calls', w.heymarketCalls.updates, w.minimumCalls.updates),
      row('Heymarket users/get lookups', w.heymarketCalls.lookups, w.minimumCalls.lookups),
      ...(w.hrReads.floor > 0 ? [row('HR API reads', w.hrReads.reads, w.hrReads.floor)] : []),
    ];
  });
}
