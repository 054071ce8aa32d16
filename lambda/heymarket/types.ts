import * as z from 'zod/mini';
import { lazySchema } from '../core/lazy-schema.js';
import { UserId } from '../core/user-patch.js';

/**
 * A team membership as `users/get` and `users/update` return it (https://developers.heymarket.com).
 * Its `id` is what `users/update` takes, so it must be a positive safe integer to be used at all.
 */
export const Membership = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: UserId,
    email: z.nullish(z.string()),
    name: z.nullish(z.string()),
    role_id: z.nullish(z.int()),
  }),
);
export type Membership = z.infer<typeof Membership>;

/** Each membership is checked on its own (see `Membership`): one unusable entry is not the whole answer. */
export const MembershipsResponse = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({ memberships: z.array(z.unknown()) }),
);

/**
 * A member of `GET /v1/team` (https://developers.heymarket.com/api-reference/team): `{id, name, role}`,
 * `role` documented as a string. Its `id` is the user id `users/update` takes, so a member without a
 * usable one is left out (and counted). `name` and `role` only describe the seat: one of another shape
 * reads as null (client.ts), so the seat is still reviewed rather than dropped with it. They are read
 * as unknown rather than with `z.catch`, which costs each bundle ~8 KB of zod.
 */
export const TeamMemberWire = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: UserId,
    name: z.optional(z.unknown()),
    role: z.optional(z.unknown()),
  }),
);
export type TeamMemberWire = z.infer<typeof TeamMemberWire>;

/** `{id, name, list_size, members: [...]}`; only `members` is read, each member checked on its own. */
export const TeamResponse = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({ members: z.array(z.unknown()) }),
);
