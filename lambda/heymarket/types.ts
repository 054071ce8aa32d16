import * as z from 'zod/mini';
import { UserId } from '../core/user-patch.js';

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
