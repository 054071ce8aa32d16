import type { Finding } from '../../lambda/core/access-review-report.js';

/** A `leaver-with-seat` finding as the review writes it; `n` makes each one its own person and seat. */
export function leaverFinding(n: number, employee: Partial<NonNullable<Finding['employee']>> = {}): Finding {
  return {
    kind: 'leaver-with-seat',
    employee: {
      provider: 'bamboohr',
      id: String(800 + n),
      name: `Dee Gone${n}`,
      workEmail: `dee${n}@example.test`,
      status: 'terminated',
      terminationDate: '2026-03-01',
      ...employee,
    },
    user: { id: 600 + n, name: `Dee G${n}`, roleId: 4 },
    firstSeenAt: '2026-03-10T12:00:00.000Z',
    notifiedAt: null,
  };
}
