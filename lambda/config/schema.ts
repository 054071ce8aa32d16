import * as z from 'zod/mini';
import { lazySchema } from '../core/lazy-schema.js';
import { UserId } from '../core/user-patch.js';
import { providers, type RegisteredProvider } from '../providers/index.js';
import { AccessReview } from './access-review.js';
import { IdentityOverrides } from './identity-overrides.js';

const RoleId = /* @__PURE__ */ lazySchema(() => z.int().check(z.positive()));
const NonEmpty = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1)));

/** A role rule: every given criterion must match (case-insensitive, trimmed); first rule wins. */
const RoleRule = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    match: z.strictObject({ department: z.optional(NonEmpty), jobTitle: z.optional(NonEmpty) }).check(
      z.refine((m) => m.department !== undefined || m.jobTitle !== undefined, {
        message: 'needs at least one of department, jobTitle',
      }),
    ),
    roleId: RoleId,
  }),
);

const Termination = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('action', [
    // Heymarket has no deactivate call (https://developers.heymarket.com/api-reference/users: look up and
    // update only): ignoring and counting is the safe default.
    z.strictObject({ action: z.literal('ignore') }),
    z.strictObject({ action: z.literal('move-to-role'), roleId: RoleId }),
  ]),
);

const Roles = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    rules: z._default(z.array(RoleRule), []),
    defaultRoleId: z.optional(RoleId),
    /**
     * Roles the service never hands out and never takes away (Heymarket's admin role is 1): a user who
     * holds one keeps it whatever HR says; their names still sync.
     */
    protectedRoleIds: z._default(z.array(RoleId), [1]),
    /** Lets a rule, `defaultRoleId` or `termination.roleId` name a protected role anyway. */
    allowAssigningProtected: z._default(z.boolean(), false),
  }),
);

/** The most `reconcile.maxChanges` may be (see lambda/aws/reconcile-state.ts: one DynamoDB item). */
export const MAX_RECONCILE_CHANGES = 2_000;

const seconds = (max: number, fallback: number) =>
  z._default(z.int().check(z.minimum(0), z.maximum(max)), fallback);

/**
 * Anyone who can edit a job title or department in the HR system (often the employee) would otherwise
 * be able to make themselves a Heymarket admin: a configured role that is protected is refused, at synth
 * and at local start, unless the operator says so explicitly.
 */
function refuseProtectedAssignments(
  config: { roles: z.infer<typeof Roles>; termination: z.infer<typeof Termination> },
  ctx: z.core.$RefinementCtx,
) {
  const { roles, termination } = config;
  if (roles.allowAssigningProtected) return;
  const named: [PropertyKey[], number | undefined][] = [
    ...roles.rules.map((rule, index): [PropertyKey[], number] => [
      ['roles', 'rules', index, 'roleId'],
      rule.roleId,
    ]),
    [['roles', 'defaultRoleId'], roles.defaultRoleId],
    [['termination', 'roleId'], termination.action === 'move-to-role' ? termination.roleId : undefined],
  ];
  for (const [path, roleId] of named) {
    if (roleId === undefined || !roles.protectedRoleIds.includes(roleId)) continue;
    ctx.issues.push({
      code: 'custom',
      path,
      input: roleId,
      message:
        `${roleId} is a protected role (roles.protectedRoleIds); choose another role or set ` +
        'roles.allowAssigningProtected: true',
    });
  }
}

/** `providers.<name>`: each registered provider's settings, all defaulted, so `{}` is valid. */
const providerSections = () =>
  Object.fromEntries(providers.map((provider) => [provider.name, z.prefault(provider.settings, {})])) as {
    [P in RegisteredProvider as P['name']]: z.ZodMiniPrefault<P['settings']>;
  };

const ConfigShape = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    providers: z.prefault(z.strictObject(providerSections()), {}),
    names: z.prefault(z.strictObject({ usePreferredName: z._default(z.boolean(), true) }), {}),
    roles: z.prefault(Roles, {}),
    termination: z._default(Termination, { action: 'ignore' }),
    /** Heymarket user ids the service never patches at all (owners, service accounts). */
    protectedUserIds: z._default(z.array(UserId), []),
    /** `provider:employee id` → Heymarket user id; wins over the lookup by work email. */
    identityOverrides: z._default(IdentityOverrides, {}),
    heymarket: z.prefault(
      z.strictObject({
        chunkSize: z._default(z.int().check(z.minimum(1), z.maximum(500)), 50),
        userCacheTtlSeconds: seconds(86_400, 300),
      }),
      {},
    ),
    reconcile: z.prefault(
      z.strictObject({
        /**
         * Changes one reconcile run may enqueue; above it the run enqueues nothing and alarms, so a mapping
         * mistake cannot rewrite the whole team. Bounded so a run's pending changes fit its saved state.
         */
        maxChanges: z._default(z.int().check(z.minimum(0), z.maximum(MAX_RECONCILE_CHANGES)), 100),
      }),
      {},
    ),
    accessReview: z.prefault(AccessReview, {}),
    secretCacheTtlSeconds: seconds(3_600, 300),
    dryRun: z._default(z.boolean(), false),
  }),
);
export const Config = /* @__PURE__ */ lazySchema(() =>
  ConfigShape.check(z.superRefine(refuseProtectedAssignments)),
);
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;
