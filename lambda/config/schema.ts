import * as z from 'zod';
import { BambooHrSettings } from '../providers/bamboohr/settings.js';
import { HiBobSettings } from '../providers/hibob/settings.js';
import { MergeSettings } from '../providers/merge/settings.js';
import { PersonioSettings } from '../providers/personio/settings.js';
import { StandardSettings } from '../providers/standard/settings.js';

const RoleId = z.number().int().positive();

/** A role rule: every given criterion must match (case-insensitive, trimmed); first rule wins. */
const RoleRule = z
  .strictObject({
    match: z
      .strictObject({ department: z.string().min(1).optional(), jobTitle: z.string().min(1).optional() })
      .refine((m) => m.department !== undefined || m.jobTitle !== undefined, {
        message: 'needs at least one of department, jobTitle',
      }),
    roleId: RoleId,
  })
  .describe('department / job title → Heymarket role_id');

const Termination = z.discriminatedUnion('action', [
  // Heymarket has no deactivate call (REFERENCE §1): ignoring and counting is the safe default.
  z.strictObject({ action: z.literal('ignore') }),
  z.strictObject({ action: z.literal('move-to-role'), roleId: RoleId }),
]);

export const Config = z.strictObject({
  providers: z
    .strictObject({
      standard: StandardSettings.prefault({}),
      bamboohr: BambooHrSettings.prefault({}),
      merge: MergeSettings.prefault({}),
      hibob: HiBobSettings.prefault({}),
      personio: PersonioSettings.prefault({}),
    })
    .prefault({}),
  names: z.strictObject({ usePreferredName: z.boolean().default(true) }).default({ usePreferredName: true }),
  roles: z
    .strictObject({ rules: z.array(RoleRule).default([]), defaultRoleId: RoleId.optional() })
    .default({ rules: [] }),
  termination: Termination.default({ action: 'ignore' }),
  /** HR employee id → Heymarket user id; wins over the lookup by work email. */
  identityOverrides: z.record(z.string().min(1), z.number().int().positive()).default({}),
  heymarket: z
    .strictObject({
      chunkSize: z.number().int().min(1).max(500).default(50),
      userCacheTtlSeconds: z.number().int().min(0).max(86_400).default(300),
    })
    .default({ chunkSize: 50, userCacheTtlSeconds: 300 }),
  secretCacheTtlSeconds: z.number().int().min(0).max(3_600).default(300),
  dryRun: z.boolean().default(false),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;
