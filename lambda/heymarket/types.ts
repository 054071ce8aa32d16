import * as z from 'zod/mini';
import type { SyncError } from '../core/errors.js';
import { UserId, type UserPatch } from '../core/user-patch.js';

/**
 * A team membership as `users/get` and `users/update` return it (https://developers.heymarket.com).
 * Its `id` is what `users/update` takes, so it must be a positive safe integer to be used at all.
 */
export const Membership = z.looseObject({
  id: UserId,
  email: z.nullish(z.string()),
  name: z.nullish(z.string()),
  role_id: z.nullish(z.int()),
});
export type Membership = z.infer<typeof Membership>;

/** Each membership is checked on its own (see `Membership`): one unusable entry is not the whole answer. */
export const MembershipsResponse = z.looseObject({ memberships: z.array(z.unknown()) });

/** `email`: the email Heymarket answered with for the user (lower-cased), kept to read its role later. */
export type UpdateOutcome =
  | { ok: true; requestId?: string; email?: string }
  | { ok: false; error: SyncError };

export interface CallOptions {
  /** Epoch ms after which no attempt or backoff may run (the Lambda's remaining time). */
  deadline?: number;
}

/** What the worker needs from Heymarket; `heymarket/client.ts` implements it over HTTPS. */
export interface HeymarketUsers {
  /** One outcome per patch id, matched by id, never by position. Throws only if nothing could be tried. */
  updateUsers(patches: readonly UserPatch[], options?: CallOptions): Promise<Map<number, UpdateOutcome>>;
  /** Memberships keyed by lower-cased email; an email with no user is simply absent. Throws a SyncError. */
  findUsersByEmail(emails: readonly string[], options?: CallOptions): Promise<Map<string, Membership>>;
}
