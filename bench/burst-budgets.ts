import { atMost, type BudgetRow } from './budgets.js';
import type { BurstFigures } from './burst.js';

/** The 50k burst's rows: the peak Heymarket saw, and what must never happen in it. */
export function burstBudgets(burst: BurstFigures, budgetPerMinute: number): BudgetRow[] {
  return [
    atMost(
      'Heymarket peak req/min in a 50k burst (measured by the fake)',
      burst.peakRequestsPerMinute,
      budgetPerMinute,
      ' /min',
      `${burst.peakRequestsPerMinute} (${burst.lost} lost)`,
      0,
    ),
    // None of these may happen: each is a change not applied, applied wrongly, or Heymarket refusing
    // a request the client should not have sent. Completed twice is 0 too: the fake queue delivers a
    // message again only once its visibility timeout (6 × the worker's 60 s, infra/queues.ts) has
    // passed or the worker handed it back, so a second completion means a worker ran past it.
    ...(
      [
        ['changes lost (sent, never completed)', burst.lost],
        ['users left in a wrong end state', burst.wrongUsers],
        ['changes completed twice', burst.completedAgain],
        ['dead letters', burst.deadLetters],
        ['429s for going over the limit', burst.answered429.overLimit],
      ] as const
    ).map(([figure, value]) => atMost(`50k burst: ${figure}`, value, 0, '', String(value), 0)),
  ];
}
