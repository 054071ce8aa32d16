import { heymarketEmail as heymarketEmailOf } from '../core/applied.js';
import { classify, permanent, type SyncError } from '../core/errors.js';
import type { SyncRules } from '../core/mapping-rules.js';
import type { HeymarketUser, HeymarketUsers } from '../core/ports.js';
import { type UserRef, userRefFor } from '../core/resolve-user.js';
import { currentRoleOf } from '../core/role-guard.js';
import type { LookupRequest, UserLookup } from '../core/sync-guard.js';
import type { TtlCache } from '../core/ttl-cache.js';

export interface LookupDeps {
  config: Pick<SyncRules, 'identityOverrides' | 'protectedUserIds'>;
  heymarket: Pick<HeymarketUsers, 'findUsersByEmail'>;
  userIds: TtlCache<string, number>;
}

/**
 * Identity overrides, then the stored user id, then the warm email cache find the user; one
 * `users/get` (chunked by the client) reads every email still unknown and every user whose role a
 * change would set, so a role is never decided on a cached guess. A user the lookup cannot read is
 * answered without a role (`role-unverified` downstream); a user who is protected is not even read.
 * A known user's role is read by the change's email and by the email Heymarket held for that user
 * (remembered in the applied store), since a deletion carries no email and an override user's HR email
 * may not be Heymarket's; only a membership with the user's own id is used.
 * `refuse` says why no call may start now (the deadline), or nothing.
 */
export async function lookUpUsers(
  requests: readonly LookupRequest[],
  deps: LookupDeps,
  options: { deadline: number; refuse: () => SyncError | undefined },
): Promise<UserLookup[]> {
  const { config, heymarket, userIds } = deps;
  const refs = requests.map(({ change, storedUserId }): UserRef => {
    const ref = userRefFor(change, config.identityOverrides);
    return ref.kind !== 'user' && storedUserId !== undefined ? { kind: 'user', userId: storedUserId } : ref;
  });
  const emails = requests.map(({ change }) => change.employee.workEmail?.trim().toLowerCase() || undefined);
  const readBy = requests.map(({ storedUserId, storedEmail }, index): string[] => {
    const ref = refs[index];
    const email = emails[index];
    const remembered = ref?.kind === 'user' && storedUserId === ref.userId ? storedEmail : undefined;
    return [...new Set([email, remembered].filter((e): e is string => e !== undefined))];
  });
  const wanted = new Set<string>();
  for (const [index, ref] of refs.entries()) {
    const email = emails[index];
    const known =
      ref.kind === 'user' ? ref.userId : ref.kind === 'email' ? userIds.get(ref.email) : undefined;
    // Never patched: neither worth a read.
    if (known !== undefined && config.protectedUserIds.includes(known)) continue;
    if (known === undefined) {
      if (email !== undefined) wanted.add(email);
    } else if (requests[index]?.wantsRole) {
      for (const address of readBy[index] ?? []) wanted.add(address);
    }
  }

  let found = new Map<string, HeymarketUser>();
  let lookupError: SyncError | undefined;
  if (wanted.size > 0) {
    lookupError = options.refuse();
    if (!lookupError) {
      try {
        found = await heymarket.findUsersByEmail([...wanted], { deadline: options.deadline });
        for (const [email, membership] of found) userIds.set(email, membership.id);
      } catch (error) {
        lookupError = classify(error);
      }
    }
  }

  return requests.map(({ change, wantsRole }, index): UserLookup => {
    const ref = refs[index] ?? { kind: 'none' };
    const email = emails[index];
    const employee = change.employee.id;
    if (ref.kind === 'none') {
      return { kind: 'failed', error: permanent('no-work-email', `employee ${employee} has no work email`) };
    }
    const candidates = (readBy[index] ?? []).map((address) => found.get(address));
    const membership =
      ref.kind === 'user'
        ? candidates.find((candidate) => candidate?.id === ref.userId)
        : email === undefined
          ? undefined
          : found.get(email);
    const userId = ref.kind === 'user' ? ref.userId : (membership?.id ?? userIds.get(ref.email));
    if (userId === undefined) {
      const reason = `no Heymarket user has the work email of employee ${employee}`;
      return { kind: 'failed', error: lookupError ?? permanent('unknown-email', reason) };
    }
    // A role read that failed is retried with the message rather than guessed or given up.
    if (wantsRole && lookupError && (readBy[index] ?? []).some((address) => wanted.has(address))) {
      return { kind: 'failed', error: lookupError };
    }
    const currentRoleId = currentRoleOf(userId, membership);
    const heymarketEmail = membership?.id === userId ? heymarketEmailOf(membership.email) : undefined;
    return {
      kind: 'user',
      userId,
      ...(currentRoleId === undefined ? {} : { currentRoleId }),
      ...(heymarketEmail === undefined ? {} : { heymarketEmail }),
    };
  });
}
