/**
 * The parts of the configuration the pure rules read, declared here so core/ depends on no config
 * schema (and through it on no provider). `Config` (lambda/config/schema.ts) satisfies each of them
 * structurally: callers pass the parsed config as it is.
 */

/** A role rule: every given criterion must match (case-insensitive, trimmed); first rule wins. */
export interface RoleRule {
  match: { department?: string | undefined; jobTitle?: string | undefined };
  roleId: number;
}

export type TerminationRule = { action: 'ignore' } | { action: 'move-to-role'; roleId: number };

/** What a change becomes: names, the role by department or job title, and what a leaver gets. */
export interface MappingRules {
  names: { usePreferredName: boolean };
  roles: {
    rules: readonly RoleRule[];
    defaultRoleId?: number | undefined;
    /** Roles the service never hands out and never takes away. */
    protectedRoleIds: readonly number[];
  };
  termination: TerminationRule;
}

/** The mapping plus who is never patched and who is found by id rather than by work email. */
export interface SyncRules extends MappingRules {
  protectedUserIds: readonly number[];
  /** `provider:employee id` → Heymarket user id. */
  identityOverrides: Readonly<Record<string, number>>;
}
