import type { Config } from '../config/schema.js';
import {
  type DirectoryEmployee,
  type ProviderDirectory,
  reviewAccess,
  type TeamMember,
} from '../core/access-review.js';
import { countKinds } from '../core/access-review-counts.js';
import type { AccessReviewReport, FindingKind } from '../core/access-review-report.js';
import type { ProviderName } from '../core/employee-change.js';
import { classify } from '../core/errors.js';
import type { AccessReviewStore, HeymarketTeam, HeymarketUser } from '../core/ports.js';
import type { Log } from '../observability/log.js';
import { providers } from '../providers/index.js';

/** What the reconcile run needs to write the access review (lambda/core/access-review.ts). */
export interface AccessReviewDeps {
  store: AccessReviewStore;
  team: HeymarketTeam;
  /** `provider:employee id` → the Heymarket user id the applied store remembers. Throws a SyncError. */
  remembered: () => Promise<ReadonlyMap<string, number>>;
}

export type AccessReviewOutcome =
  | { status: 'written'; counts: Record<FindingKind, number>; partial: string[]; review: AccessReviewReport }
  /** The team (or what the review reads) could not be read: the previous review stays, marked stale. */
  | { status: 'stale'; code: string; review: AccessReviewReport }
  /** Not even the stale mark could be written. */
  | { status: 'failed'; code: string };

/**
 * The HR directory as one reconcile run lists it, for the access review: every employee a provider's
 * listing gave (leavers included), the Heymarket users `users/get` found for them, and which providers
 * were listed in full by this invocation. A provider whose listing failed, or that a resumed run listed
 * partly in an earlier invocation (whose lookups this one does not hold), is `unavailable`: the review
 * says so (partial) rather than report its people wrongly.
 */
export class ReviewDirectory {
  readonly #employees = new Map<ProviderName, DirectoryEmployee[]>();
  readonly #complete = new Set<ProviderName>();
  readonly #userIds = new Map<string, number>();
  readonly #roleIds = new Map<number, number>();

  /** A provider's listing starts again (a run reads each listing from its start). */
  start(provider: ProviderName): void {
    this.#employees.set(provider, []);
    this.#complete.delete(provider);
  }

  add(provider: ProviderName, employees: readonly DirectoryEmployee[]): void {
    this.#employees.get(provider)?.push(...employees);
  }

  /** What `users/get` answered, by lower-cased email: the user id, and its role id when known. */
  found(users: ReadonlyMap<string, HeymarketUser>): void {
    for (const [email, user] of users) {
      this.#userIds.set(email, user.id);
      if (typeof user.role_id === 'number') this.#roleIds.set(user.id, user.role_id);
    }
  }

  /** Listed in full, every employee compared in this invocation. */
  complete(provider: ProviderName): void {
    this.#complete.add(provider);
  }

  parts(config: Config): ProviderDirectory[] {
    return providers
      .filter((provider) => config.providers[provider.name].enabled)
      .map((provider): ProviderDirectory => {
        if (provider.credentials === undefined) return { provider: provider.name, listing: 'unlistable' };
        const employees = this.#employees.get(provider.name);
        return employees && this.#complete.has(provider.name)
          ? { provider: provider.name, listing: 'listed', employees }
          : { provider: provider.name, listing: 'unavailable' };
      });
  }

  get userIdsByEmail(): ReadonlyMap<string, number> {
    return this.#userIds;
  }

  /** The team with each member's role id: `users/get`'s where it answered, else the team's own. */
  withRoles(team: readonly TeamMember[]): TeamMember[] {
    return team.map((member) => ({ ...member, roleId: this.#roleIds.get(member.id) ?? member.roleId }));
  }
}

/**
 * Computes the review from the run's directory and one `GET /v1/team`, replaces the stored one, and
 * sends the notice of leavers new to it (lambda/service/leaver-notices.ts).
 * A team listing (or a read of the remembered ids) that fails leaves the previous review in place,
 * marked stale. Never throws: the reconcile run it ends has done its work either way.
 */
export async function writeAccessReview(
  deps: AccessReviewDeps,
  input: { config: Config; directory: ReviewDirectory; now: number; deadline?: number | undefined; log: Log },
): Promise<AccessReviewOutcome> {
  const { config, directory, log } = input;
  let previous: AccessReviewReport | undefined;
  try {
    previous = await deps.store.read().catch((error: unknown) => {
      // An unreadable review is replaced; only its `firstSeenAt`s are lost.
      log.warn('access review previous unreadable', { code: classify(error).code });
      return undefined;
    });
    const [team, remembered] = await Promise.all([
      deps.team.listTeam(input.deadline === undefined ? {} : { deadline: input.deadline }),
      deps.remembered(),
    ]);
    const report = reviewAccess({
      directory: directory.parts(config),
      team: directory.withRoles(team),
      userIdsByEmail: directory.userIdsByEmail,
      remembered,
      rules: config,
      previous,
      now: input.now,
    });
    await deps.store.write(report);
    const counts = countKinds(report);
    log.info('access review written', { ...counts, partial: report.partial, team: team.length });
    return { status: 'written', counts, partial: report.partial, review: report };
  } catch (error) {
    const { code } = classify(error);
    log.warn('access review not computed', { code });
    if (!previous) return { status: 'failed', code };
    if (previous.stale) return { status: 'stale', code, review: previous };
    try {
      const review = { ...previous, stale: true };
      await deps.store.write(review);
      return { status: 'stale', code, review };
    } catch (writeError) {
      log.warn('access review stale mark failed', { code: classify(writeError).code });
      return { status: 'failed', code };
    }
  }
}
