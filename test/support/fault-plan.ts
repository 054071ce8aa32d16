import type { FakeUserInput } from './fake-heymarket.js';

/**
 * The workload of the fault run, from a seed: employees with Heymarket users, a few with none, and
 * for each a history of changes at distinct times. Every value names its employee and its version
 * (`Fn12x7` is employee 12's first name as of change 7), so what Heymarket received can be checked
 * for order, and the expected end state is simply the newest value of each field.
 */
export interface PlannedChange {
  id: string;
  employee: string;
  /** Index of the change in its employee's history: a higher one is newer. */
  version: number;
  occurredAt: string;
  email: string;
  firstName?: string;
  lastName?: string;
  department?: string;
}

export interface Delivery {
  webhookId: string;
  changes: PlannedChange[];
}

export interface Expected {
  first_name: string;
  last_name: string;
  role_id: number;
}

export const ROLE_BY_DEPARTMENT: Record<string, number> = {
  Sales: 11,
  Support: 12,
  Engineering: 13,
  Finance: 14,
};
const DEPARTMENTS = Object.keys(ROLE_BY_DEPARTMENT);
const INITIAL_ROLE = 4;
const USER_ID_BASE = 5000;
const HOUR_MS = 3_600_000;

export interface FaultPlan {
  users: FakeUserInput[];
  changes: PlannedChange[];
  /** In the order they are first sent: shuffled, so changes arrive out of order. */
  deliveries: Delivery[];
  expected: Map<number, Expected>;
  /** Changes for employees with no Heymarket user: each must end in the DLQ, `unknown-email`. */
  unknown: PlannedChange[];
  /** Every name and email used, for the log scan. */
  personalData: string[];
}

/** mulberry32: small, seedable, good enough to shuffle a test workload. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function faultPlan(options: {
  seed: number;
  employees: number;
  changesPerEmployee: number;
  unknownEmployees: number;
  /**
   * The run's clock (epoch ms). Every history ends before it: the receiver trusts an event time only
   * from 35 days before receipt (lambda/core/event-time.ts) and raises an older one to that floor,
   * which moves with the clock, so histories on fixed dates would, once that old, be ordered by when
   * they were delivered instead of by version.
   */
  now: number;
}): FaultPlan {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const users: FakeUserInput[] = [];
  const changes: PlannedChange[] = [];
  const unknown: PlannedChange[] = [];
  const expected = new Map<number, Expected>();
  const personalData: string[] = [];
  const start = options.now - options.changesPerEmployee * HOUR_MS;

  const history = (employee: string, email: string, count: number) => {
    const list: PlannedChange[] = [];
    for (let version = 0; version < count; version += 1) {
      // Distinct times per employee: 1 to 60 minutes apart, so "newest" is never a tie.
      const at = start + version * HOUR_MS + Math.floor(random() * (HOUR_MS - 1_000));
      const change: PlannedChange = {
        id: `chg-${employee}-${version}`,
        employee,
        version,
        occurredAt: new Date(at).toISOString(),
        email,
      };
      const roll = random();
      if (roll < 0.75) change.firstName = `Fn${employee}x${version}`;
      if (roll > 0.25) change.lastName = `Ln${employee}x${version}`;
      if (random() < 0.5) change.department = pick(DEPARTMENTS);
      for (const value of [change.firstName, change.lastName]) if (value) personalData.push(value);
      list.push(change);
    }
    return list;
  };

  for (let index = 0; index < options.employees; index += 1) {
    const employee = `E${index}`;
    const email = `person${index}@example.test`;
    const id = USER_ID_BASE + index;
    users.push({ id, email, first_name: `Init${index}`, last_name: `Orig${index}`, role_id: INITIAL_ROLE });
    personalData.push(email, `Init${index}`, `Orig${index}`);
    const list = history(employee, email, options.changesPerEmployee);
    changes.push(...list);
    const newest = <K extends 'firstName' | 'lastName' | 'department'>(key: K) =>
      list.filter((change) => change[key] !== undefined).at(-1)?.[key];
    const department = newest('department');
    expected.set(id, {
      first_name: newest('firstName') ?? `Init${index}`,
      last_name: newest('lastName') ?? `Orig${index}`,
      role_id: department ? (ROLE_BY_DEPARTMENT[department] as number) : INITIAL_ROLE,
    });
  }
  for (let index = 0; index < options.unknownEmployees; index += 1) {
    const employee = `U${index}`;
    const email = `stranger${index}@example.test`;
    personalData.push(email);
    unknown.push(...history(employee, email, 2));
  }

  const all = [...changes, ...unknown];
  for (let i = all.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j] as PlannedChange, all[i] as PlannedChange];
  }
  const deliveries: Delivery[] = [];
  for (let i = 0; i < all.length; ) {
    const size = 1 + Math.floor(random() * 5);
    deliveries.push({ webhookId: `msg_fault_${deliveries.length}`, changes: all.slice(i, i + size) });
    i += size;
  }
  return { users, changes, deliveries, expected, unknown, personalData };
}

/** The Standard Webhooks body of a delivery (this project's generic employee-change JSON). */
export function deliveryBody(delivery: Delivery): string {
  return JSON.stringify(
    delivery.changes.map((change) => ({
      id: change.id,
      type: 'employee.updated',
      occurredAt: change.occurredAt,
      employee: {
        id: change.employee,
        workEmail: change.email,
        ...(change.firstName ? { firstName: change.firstName } : {}),
        ...(change.lastName ? { lastName: change.lastName } : {}),
        ...(change.department ? { department: change.department } : {}),
      },
    })),
  );
}
