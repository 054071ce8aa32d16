import * as z from 'zod';
import { ChangeType, EmployeeStatus } from './employee-change.js';

/**
 * The body a Standard Webhooks sender posts to `/webhooks/standard`: this project's own generic
 * employee-change JSON, published as `standard-delivery.schema.json` (`npm run schema`).
 */
export const StandardChange = z
  .object({
    id: z.string().min(1).max(256).optional().describe('Optional id of this change; defaults to webhook-id'),
    type: ChangeType,
    occurredAt: z.iso.datetime({ offset: true }).describe('When the change happened in the HR system'),
    employee: z.object({
      id: z.string().min(1).max(128).describe('The employee id in the HR system'),
      workEmail: z.email().max(320).describe('Used to find the Heymarket user'),
      firstName: z.string().max(200).optional(),
      lastName: z.string().max(200).optional(),
      preferredName: z.string().max(200).optional(),
      jobTitle: z.string().max(200).optional(),
      department: z.string().max(200).optional(),
      status: EmployeeStatus.optional(),
    }),
  })
  .meta({ title: 'Employee change' });
export type StandardChange = z.infer<typeof StandardChange>;

/** A delivery carries one change or a list of up to 500. */
export const StandardDelivery = z
  .union([StandardChange, z.array(StandardChange).min(1).max(500)])
  .meta({ title: 'heymarket-hr-sync standard delivery' });
export type StandardDelivery = z.infer<typeof StandardDelivery>;
