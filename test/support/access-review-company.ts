import type { Finding } from '../../lambda/core/access-review-report.js';
import type { FakeEmployee } from './fake-bamboohr.js';
import type { FakeUserInput } from './fake-heymarket.js';

/**
 * The company of the access review's end-to-end test (test/e2e/access-review.bundled.test.ts), all
 * invented: 320 people in BambooHR, their Heymarket team, the config, and the 24 findings the first
 * run must report. Dates are relative to today, so a leaver stays a leaver and a planned leave planned.
 */
export const COUNT = 320;
export const LEAVER_ROLE = 9;
const ROLE_OF: Record<string, number> = { 'Customer Support': 4, Sales: 6, Engineering: 5, Warehouse: 4 };
const IN_SCOPE = ['Customer Support', 'Sales', 'Engineering'];
const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/** 0-11: leavers who still hold a seat, each gone a day earlier than the one before. */
export const SEATED_LEAVERS = Array.from({ length: 12 }, (_, i) => i);
/** 16-22: at work, in scope, with a work email, and no Heymarket user. */
export const HIRES = [16, 17, 18, 19, 20, 21, 22];
/** Heymarket users no HR record matches; and two the config protects (the owner, an integration). */
export const ORPHAN_SEATS = [9001, 9002, 9003, 9004, 9005];
const PROTECTED_SEATS = [9100, 9101];
/** Employee 27's Heymarket user has another email: `identityOverrides` names it. */
const OVERRIDDEN = 27;
const OVERRIDE_USER = 9500;
/** The leavers an administrator removes from Heymarket after the worker moved them. */
export const REMOVED = [0, 1, 2];

export const id = (i: number) => String(3000 + i);
export const userId = (i: number) => 10_000 + i;
export const email = (i: number) => `person${i}@example.test`;
export const name = (i: number) => `Given${i} Family${i}`;
const department = (i: number) => (i === 25 || i === 26 ? 'Warehouse' : (IN_SCOPE[i % 3] as string));

function employee(i: number): FakeEmployee {
  const base: FakeEmployee = {
    id: id(i),
    firstName: `Given${i}`,
    lastName: `Family${i}`,
    ...(i === 23 || i === 24 ? {} : { workEmail: email(i) }),
    jobTitle: 'Agent',
    department: department(i),
  };
  const left = day(-10 - i);
  // Inactive and Terminated; Inactive only; and still Active with a termination date that has passed
  // and no employment status the API user may see (BambooHR: the date alone makes the leaver).
  if (i < 5)
    return { ...base, status: 'Inactive', employmentHistoryStatus: 'Terminated', terminationDate: left };
  if (i < 8) return { ...base, status: 'Inactive', terminationDate: left };
  if (i < 12) return { ...base, status: 'Active', employmentHistoryStatus: null, terminationDate: left };
  // Gone, and already in the termination role: done, not a finding.
  if (i === 12) return { ...base, status: 'Inactive', terminationDate: day(-5) };
  // Gone, with no seat: nothing to do.
  if (i === 13) return { ...base, status: 'Inactive', terminationDate: day(-5) };
  // Leaving next month: still at work.
  if (i === 14) return { ...base, employmentHistoryStatus: null, terminationDate: day(30) };
  // Rehired: Active and Full-Time, still carrying the date they last left.
  if (i === 15) return { ...base, terminationDate: day(-400) };
  return base;
}

export const employees = Array.from({ length: COUNT }, (_, i) => employee(i));
/** Every employee with a Heymarket user found by work email: all but the hires, 13, 23-27. */
const seated = (i: number) => !HIRES.includes(i) && ![13, 23, 24, 25, 26, OVERRIDDEN].includes(i);
export const seatOf = (i: number): FakeUserInput => ({
  id: userId(i),
  email: email(i),
  first_name: `Given${i}`,
  last_name: `Family${i}`,
  role_id: i === 12 ? LEAVER_ROLE : (ROLE_OF[department(i)] as number),
});
export const users: FakeUserInput[] = [
  ...employees.flatMap((_, i) => (seated(i) ? [seatOf(i)] : [])),
  { ...seatOf(OVERRIDDEN), id: OVERRIDE_USER, email: 'given27.alias@example.test' },
  ...ORPHAN_SEATS.map((seat) => ({
    id: seat,
    email: `orphan${seat}@example.test`,
    first_name: `Orphan${seat}`,
    last_name: 'Seat',
    role_id: 4,
  })),
  ...PROTECTED_SEATS.map((seat) => ({
    id: seat,
    email: `keeper${seat}@example.test`,
    first_name: `Keeper${seat}`,
    last_name: 'Account',
    role_id: 1,
  })),
];
export const PERSONAL = /example\.test|Given\d|Family\d|Orphan\d|Keeper\d/;

/** Standard Webhooks stays on: a provider with no list API never makes the review partial. */
export const configFor = (bamboohrUrl: string) => ({
  providers: { standard: { enabled: true }, bamboohr: { enabled: true, apiBaseUrl: bamboohrUrl } },
  roles: {
    rules: IN_SCOPE.map((name) => ({ match: { department: name }, roleId: ROLE_OF[name] as number })),
    defaultRoleId: 4,
  },
  termination: { action: 'move-to-role', roleId: LEAVER_ROLE },
  protectedUserIds: PROTECTED_SEATS,
  identityOverrides: { [`bamboohr:${id(OVERRIDDEN)}`]: OVERRIDE_USER },
  accessReview: { scope: IN_SCOPE.map((name) => ({ department: name })) },
});

/** The 24 findings the first run must report, in the documented order, each first seen `at`. */
export function expectedFindings(at: string): Finding[] {
  const employeeOf = (i: number) => {
    const person = employees[i] as FakeEmployee;
    const leaver = i < 12;
    return {
      provider: 'bamboohr',
      id: id(i),
      name: name(i),
      workEmail: email(i),
      status: leaver ? 'terminated' : 'active',
      terminationDate: leaver ? (person.terminationDate as string) : null,
    };
  };
  return [
    // Newest leavers first: 0 left most recently.
    ...SEATED_LEAVERS.map((i) => ({
      kind: 'leaver-with-seat' as const,
      employee: employeeOf(i),
      // The role as users/get reports it: GET /v1/team gives a role's name only.
      user: { id: userId(i), name: name(i), roleId: ROLE_OF[department(i)] as number },
      firstSeenAt: at,
      // The scheduler only stores; the leaver notifier (its own function) names leavers and marks them.
      notifiedAt: null,
    })),
    ...HIRES.map((i) => ({
      kind: 'hire-without-seat' as const,
      employee: employeeOf(i),
      user: null,
      firstSeenAt: at,
      // The scheduler only stores; the leaver notifier (its own function) names leavers and marks them.
      notifiedAt: null,
    })),
    ...ORPHAN_SEATS.map((seat) => ({
      kind: 'seat-without-employee' as const,
      employee: null,
      user: { id: seat, name: `Orphan${seat} Seat`, roleId: null },
      firstSeenAt: at,
      // The scheduler only stores; the leaver notifier (its own function) names leavers and marks them.
      notifiedAt: null,
    })),
  ];
}
