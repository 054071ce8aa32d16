import fc from 'fast-check';
import type { ConfigInput } from '../../lambda/config/schema.js';
import type { Employee } from '../../lambda/core/employee-change.js';
import { permanent, transient } from '../../lambda/core/errors.js';
import type { CallOptions } from '../../lambda/core/ports.js';
import type { UserPatch } from '../../lambda/core/user-patch.js';
import { MemoryHeymarket } from '../support/worker-deps.js';
import type { ProviderName } from './deliveries.js';
import { BUILT_IN_NAMES } from './hostile.js';
import type { HrEmployee } from './provider-bodies.js';

/**
 * The world the worker property runs in: a Heymarket team with an admin, an owner the configuration
 * protects, a lead holding a protected custom role and ordinary members; an HR directory generated per
 * run, keyed by the employee id the receiver queues; a configuration whose rules and default would hand
 * out roles to anyone, a termination role, and identity overrides.
 */

export const ADMIN_ROLE = 1;
/** A custom role the configuration protects as well (`roles.protectedRoleIds`). */
export const LEAD_ROLE = 9;
export const PROTECTED_ROLES = [ADMIN_ROLE, LEAD_ROLE];
/** Never patched at all (`protectedUserIds`). */
export const OWNER = 2;
export const TERMINATION_ROLE = 3;

export const TEAM = [
  { id: 1, email: 'admin@example.test', role: ADMIN_ROLE },
  { id: OWNER, email: 'owner@example.test', role: 4 },
  { id: 3, email: 'lead@example.test', role: LEAD_ROLE },
  { id: 4, email: 'user4@example.test', role: 4 },
  { id: 5, email: 'user5@example.test', role: 5 },
  { id: 6, email: 'user6@example.test', role: 4 },
];
/** An override may name a user Heymarket does not have. */
const OVERRIDE_TARGETS = [...TEAM.map((user) => user.id), 99];

export const ROLES = {
  rules: [
    { match: { department: 'Support' }, roleId: 5 },
    { match: { jobTitle: 'Head of Support' }, roleId: 7 },
  ],
  defaultRoleId: 4,
  protectedRoleIds: PROTECTED_ROLES,
};
/** Every role the configuration can hand out: none of them protected. */
export const ASSIGNABLE_ROLES = [TERMINATION_ROLE, 4, 5, 7];

/** Ids as the directory (and so the queue) holds them: hostile, but ones a queue message can carry. */
const directoryId = fc
  .oneof(
    fc.constantFrom(...BUILT_IN_NAMES, '0', '-1', '9007199254740992', '1.5', '1e3'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,10}$/),
  )
  .filter((id) => id.trim() === id && id.length >= 1 && id.length <= 128);

/** A work email: a team member's in any case, one Heymarket does not know, or none. */
const workEmail = fc.option(
  fc
    .tuple(fc.constantFrom(...TEAM.map((user) => user.email), 'nobody@example.test'), fc.boolean())
    .map(([email, upper]) => (upper ? `${email[0]?.toUpperCase()}${email.slice(1)}` : email)),
  { nil: undefined, freq: 6 },
);

export const directory = fc
  .uniqueArray(
    fc.record({
      id: directoryId,
      workEmail,
      department: fc.constantFrom('Support', 'Sales', 'Engineering', undefined),
      jobTitle: fc.constantFrom('Head of Support', 'Agent', undefined),
      status: fc.constantFrom<HrEmployee['status']>('active', 'terminated', undefined),
      preferred: fc.boolean(),
      /** How many reads of this employee fail before one succeeds (an HR API that is busy). */
      flaky: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 6 })),
    }),
    { minLength: 1, maxLength: 5, selector: (employee) => employee.id },
  )
  .map((records) =>
    records.map(({ preferred, flaky, ...record }, index) => ({
      employee: {
        ...record,
        // Names unique to the employee, so that a patch names whose change it carries.
        firstName: `First${index}`,
        lastName: `Last${index}`,
        ...(preferred ? { preferredName: `Pref${index}` } : {}),
      } as HrEmployee,
      flaky,
    })),
  );
export type Directory = { employee: HrEmployee; flaky: number }[];

/** Identity overrides: one for an employee of this provider, one for the same id under another provider. */
export const overrides = fc.record({
  own: fc.option(fc.record({ who: fc.nat(), userId: fc.constantFrom(...OVERRIDE_TARGETS) }), {
    nil: undefined,
  }),
  foreign: fc.option(
    fc.record({
      who: fc.nat(),
      userId: fc.constantFrom(...OVERRIDE_TARGETS),
      provider: fc.constantFrom<ProviderName>('standard', 'bamboohr', 'merge', 'hibob', 'personio'),
    }),
    { nil: undefined },
  ),
});
export type Overrides = typeof overrides extends fc.Arbitrary<infer T> ? T : never;

export function configFor(provider: ProviderName, people: Directory, chosen: Overrides): ConfigInput {
  const identityOverrides: Record<string, number> = {};
  const own = chosen.own && people[chosen.own.who % people.length];
  if (chosen.own && own) identityOverrides[`${provider}:${own.employee.id}`] = chosen.own.userId;
  const foreign = chosen.foreign && people[chosen.foreign.who % people.length];
  if (chosen.foreign && foreign && chosen.foreign.provider !== provider) {
    identityOverrides[`${chosen.foreign.provider}:${foreign.employee.id}`] = chosen.foreign.userId;
  }
  return {
    roles: ROLES,
    protectedUserIds: [OWNER],
    identityOverrides,
    termination: { action: 'move-to-role', roleId: TERMINATION_ROLE },
  };
}

/** The user a change about `employee` must reach, if any: its override for this provider, else its email. */
export function expectedUser(
  provider: ProviderName,
  employee: HrEmployee,
  config: ConfigInput,
): number | undefined {
  const key = `${provider}:${employee.id}`;
  const table = config.identityOverrides ?? {};
  if (Object.hasOwn(table, key)) return table[key];
  return TEAM.find((user) => user.email === employee.workEmail?.toLowerCase())?.id;
}

/** The HR API as the worker's `enrich` sees it: a Map by id, busy for an employee's first `flaky` reads. */
export function enrichFrom(people: Directory) {
  const byId = new Map(people.map((person) => [person.employee.id, person]));
  const reads = new Map<string, number>();
  const unknown: string[] = [];
  // One read for all of a batch's events of an employee, as the worker asks.
  const enrich = async (
    changes: readonly { employee: { id: string } }[],
  ): Promise<{ employee: Employee }[]> => {
    const id = changes[0]?.employee.id ?? '';
    const person = byId.get(id);
    if (!person) {
      unknown.push(id);
      throw permanent('employee-not-found', 'the directory has no such employee');
    }
    const read = (reads.get(id) ?? 0) + 1;
    reads.set(id, read);
    if (read <= person.flaky) throw transient('hr-busy', 'the HR API answered 429');
    return changes.map(() => ({ employee: { ...person.employee } as Employee }));
  };
  return { enrich, unknown };
}

/** An in-memory team that notes, for every patch sent, the role its user held when it was sent. */
export class WatchedHeymarket extends MemoryHeymarket {
  readonly sent: { patch: UserPatch; roleBefore: number | null | undefined }[] = [];

  constructor() {
    super();
    for (const user of TEAM) {
      this.add(user.id, user.email);
      const member = this.users.get(user.id);
      if (member) member.role_id = user.role;
    }
  }

  override async updateUsers(patches: readonly UserPatch[], _options?: CallOptions) {
    for (const patch of patches)
      this.sent.push({ patch: { ...patch }, roleBefore: this.users.get(patch.id)?.role_id });
    return super.updateUsers(patches);
  }
}
