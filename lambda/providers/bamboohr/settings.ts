import * as z from 'zod';

export const BambooHrSettings = z.strictObject({
  enabled: z.boolean().default(false),
  /** When set, a delivery for another BambooHR company is refused (401). */
  companyId: z.string().min(1).optional(),
  apiBaseUrl: z.url().default('https://api.bamboohr.com'),
  /**
   * Field-based webhooks name fields by display name or an admin-set alias: which key carries what.
   * Keys are this project's names, values the names BambooHR sends.
   */
  fieldMap: z
    .strictObject({
      workEmail: z.string().min(1).default('Work Email'),
      firstName: z.string().min(1).default('First Name'),
      lastName: z.string().min(1).default('Last Name'),
      preferredName: z.string().min(1).default('Preferred Name'),
      jobTitle: z.string().min(1).default('Job Title'),
      department: z.string().min(1).default('Department'),
      status: z.string().min(1).default('Status'),
      employmentStatus: z.string().min(1).default('Employment Status'),
      terminationDate: z.string().min(1).default('Termination Date'),
    })
    .prefault({}),
});
