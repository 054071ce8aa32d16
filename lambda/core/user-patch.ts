import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';

/**
 * A Heymarket user id: a positive safe integer. Checked wherever an id enters (a `users/get` answer,
 * an identity override, the applied store) so a patch never goes out for a wrong or missing user.
 */
export const UserId = /* @__PURE__ */ lazySchema(() => z.int().check(z.positive()));

export const isUserId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * One entry of Heymarket `POST /v1/users/update`: only the documented fields
 * (https://developers.heymarket.com/api-reference/users-update).
 */
export const UserPatch = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: UserId,
    first_name: z.optional(z.string()),
    last_name: z.optional(z.string()),
    role_id: z.optional(z.int().check(z.positive())),
  }),
);
export type UserPatch = z.infer<typeof UserPatch>;
export type PatchFields = Omit<UserPatch, 'id'>;
