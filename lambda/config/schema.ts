import * as z from 'zod/mini';
import { BambooHrSettings } from '../providers/bamboohr/settings.js';
import { HiBobSettings } from '../providers/hibob/settings.js';
import { MergeSettings } from '../providers/merge/settings.js';
import { PersonioSettings } from '../providers/personio/settings.js';
import { StandardSettings } from '../providers/standard/settings.js';
import { IdentityOverrides } from './identity-overrides.js';

const RoleId = z.int().check(z.positive());
const NonEmpty = z.string().check(z.minLength(1));

/** A role rule: every given criterion must match (case-insensitive, trimmed); first rule wins. */
const RoleRule = z.strictObject({
  match: z.strictObject({ department: z.optional(NonEmpty), jobTitle: z.optional(NonEmpty) }).check(
    z.refine((m) => m.department !== undefined || m.jobTitle !== undefined, {
      message: 'needs at least one of department, jobTitle',
    }),
  ),
  roleId: RoleId,
});

const Termination = z.discriminatedUnion('action', [
  // Heymarket has no deactivate call (REFERENCE §1): ignoring and counting is the safe default.
  z.strictObject({ action: z.literal('ignore') }),
  z.strictObject({ action: z.literal('move-to-role'), roleId: RoleId }),
]);

/** The most `reconcile.maxChanges` may be (see lambda/aws/reconcile-state.ts: one DynamoDB item). */
export const MAX_RECONCILE_CHANGES = 2_000;

const seconds = (max: number, fallback: number) =>
  z._default(z.int().check(z.minimum(0), z.maximum(max)), fallback);

export const Config = z.strictObject({
  providers: z.prefault(
    z.strictObject({
      standard: z.prefault(StandardSettings, {}),
      bamboohr: z.prefault(BambooHrSettings, {}),
      merge: z.prefault(MergeSettings, {}),
      hibob: z.prefault(HiBobSettings, {}),
      personio: z.prefault(PersonioSettings, {}),
    }),
    {},
  ),
  names: z.prefault(z.strictObject({ usePreferredName: z._default(z.boolean(), true) }), {}),
  roles: z.prefault(
    z.strictObject({ rules: z._default(z.array(RoleRule), []), defaultRoleId: z.optional(RoleId) }),
    {},
  ),
  termination: z._default(Termination, { action: 'ignore' }),
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
  secretCacheTtlSeconds: seconds(3_600, 300),
  dryRun: z._default(z.boolean(), false),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;
