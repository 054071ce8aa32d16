import * as z from 'zod/mini';

/** One entry of Heymarket `POST /v1/users/update`: only the documented fields (REFERENCE §1). */
export const UserPatch = z.object({
  id: z.int().check(z.positive()),
  first_name: z.optional(z.string()),
  last_name: z.optional(z.string()),
  role_id: z.optional(z.int().check(z.positive())),
});
export type UserPatch = z.infer<typeof UserPatch>;
export type PatchFields = Omit<UserPatch, 'id'>;
