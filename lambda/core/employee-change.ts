import * as z from 'zod';

/** The HR systems a webhook can come from; the path segment of `POST /webhooks/{provider}`. */
export const ProviderName = z.enum(['standard', 'bamboohr', 'merge', 'hibob', 'personio']);
export type ProviderName = z.infer<typeof ProviderName>;

export const ChangeType = z.enum([
  'employee.created',
  'employee.updated',
  'employee.terminated',
  'employee.deleted',
]);
export type ChangeType = z.infer<typeof ChangeType>;

export const EmployeeStatus = z.enum(['active', 'inactive', 'terminated']);

/** What an HR system says about one employee; every field but `id` may be absent from a delivery. */
export const Employee = z.object({
  id: z.string().min(1).max(128),
  workEmail: z.email().max(320).optional(),
  firstName: z.string().max(200).optional(),
  lastName: z.string().max(200).optional(),
  preferredName: z.string().max(200).optional(),
  jobTitle: z.string().max(200).optional(),
  department: z.string().max(200).optional(),
  status: EmployeeStatus.optional(),
});
export type Employee = z.infer<typeof Employee>;

/**
 * One queue message: a single change to one employee, versioned so a replay of an old message is
 * still understood. Produced by the receiver, the reconcile job, the local host and the replay tool.
 */
export const EmployeeChange = z.object({
  v: z.literal(1),
  provider: ProviderName,
  tenant: z.string().max(128).optional(),
  /** The provider's event id, or a hash of the delivery body when the provider has none. */
  eventId: z.string().min(1).max(256),
  type: ChangeType,
  occurredAt: z.iso.datetime({ offset: true }),
  receivedAt: z.iso.datetime({ offset: true }),
  employee: Employee,
  /** Thin events carry ids only; the worker must fetch the employee from the HR system first. */
  needsEnrichment: z.boolean().default(false),
});
export type EmployeeChange = z.infer<typeof EmployeeChange>;
