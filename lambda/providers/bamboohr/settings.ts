import * as z from 'zod/mini';

export const BambooHrSettings = z.strictObject({
  enabled: z._default(z.boolean(), false),
  /** When set, a delivery for another BambooHR company is refused (401). */
  companyId: z.optional(z.string().check(z.minLength(1))),
  apiBaseUrl: z._default(z.url(), 'https://api.bamboohr.com'),
  /**
   * Field-based webhooks name fields by display name or an admin-set alias: which key carries what.
   * Keys are this project's names, values the names BambooHR sends.
   */
  fieldMap: z.prefault(
    z.strictObject({
      workEmail: z._default(z.string().check(z.minLength(1)), 'Work Email'),
      firstName: z._default(z.string().check(z.minLength(1)), 'First Name'),
      lastName: z._default(z.string().check(z.minLength(1)), 'Last Name'),
      preferredName: z._default(z.string().check(z.minLength(1)), 'Preferred Name'),
      jobTitle: z._default(z.string().check(z.minLength(1)), 'Job Title'),
      department: z._default(z.string().check(z.minLength(1)), 'Department'),
      status: z._default(z.string().check(z.minLength(1)), 'Status'),
      employmentStatus: z._default(z.string().check(z.minLength(1)), 'Employment Status'),
      terminationDate: z._default(z.string().check(z.minLength(1)), 'Termination Date'),
    }),
    {},
  ),
});
