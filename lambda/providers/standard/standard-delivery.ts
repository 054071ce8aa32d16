import * as z from 'zod/mini';
import { ChangeType, Employee } from '../../core/employee-change.js';
import { builtSchema, lazySchema } from '../../core/lazy-schema.js';

/**
 * The body a Standard Webhooks sender posts to `/webhooks/standard`: this project's own generic
 * employee-change JSON, published as `standard-delivery.schema.json` (`npm run schema`).
 */
export const StandardChange = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      id: z.optional(
        z
          .string()
          .check(
            z.minLength(1),
            z.maxLength(256),
            z.describe('Optional id of this change; defaults to webhook-id'),
          ),
      ),
      type: builtSchema(ChangeType),
      occurredAt: z.iso
        .datetime({ offset: true })
        .check(z.describe('When the change happened in the HR system')),
      // The queue message's Employee, except that a sender must name the work email (the user's key).
      employee: z.extend(Employee, {
        id: Employee.shape.id.check(z.describe('The employee id in the HR system')),
        workEmail: z.email().check(z.maxLength(320), z.describe('Used to find the Heymarket user')),
      }),
    })
    .check(z.meta({ title: 'Employee change' })),
);
export type StandardChange = z.infer<typeof StandardChange>;

/** A delivery carries one change or a list of up to 500. */
export const StandardDelivery = /* @__PURE__ */ lazySchema(() =>
  z
    // The built StandardChange: its title is registered on it, not on the lazy stand-in.
    .union([
      builtSchema(StandardChange),
      z.array(builtSchema(StandardChange)).check(z.minLength(1), z.maxLength(500)),
    ])
    .check(z.meta({ title: 'heymarket-hr-sync standard delivery' })),
);
export type StandardDelivery = z.infer<typeof StandardDelivery>;
