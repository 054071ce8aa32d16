import * as z from 'zod';

/** One entry of Heymarket `POST /v1/users/update`: only the documented fields (REFERENCE §1). */
export const UserPatch = z.object({
  id: z.number().int().positive(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  role_id: z.number().int().positive().optional(),
});
export type UserPatch = z.infer<typeof UserPatch>;
export type PatchFields = Omit<UserPatch, 'id'>;
