import './zod-locale.js';
import * as z from 'zod/mini';
import { builtSchema, lazySchema } from './lazy-schema.js';

// A change is checked on every delivery and queue message: its parts are the built schemas, not their
// lazy stand-ins, so a parse goes through no proxy.

/**
 * The HR systems this build registers, as a type only: lambda/providers/index.ts fills this interface
 * in by declaration merging (as TanStack Router's `Register` is filled in by an app), so `ProviderName`
 * stays a precise union while the core names no vendor and imports nothing outside itself.
 */
// biome-ignore lint/suspicious/noEmptyInterface: declaration merging fills it in (lambda/providers/index.ts)
export interface RegisteredProviders {}
/** The path segment of `POST /webhooks/{provider}` and a queue message's `provider`. */
export type ProviderName = keyof RegisteredProviders & string;

/**
 * The shape of a provider name. Only a provider's own `parse` builds a change with this schema, from
 * its own name; whatever comes from outside (a queue message, a stored row) is checked against the
 * registered names instead (`QueuedChange` in lambda/providers/index.ts), which refuses any other.
 */
const ProviderNameShape = /* @__PURE__ */ lazySchema(
  () => z.string().check(z.minLength(1), z.maxLength(32)) as unknown as z.ZodMiniType<ProviderName>,
);

export const ChangeType = /* @__PURE__ */ lazySchema(() =>
  z.enum(['employee.created', 'employee.updated', 'employee.terminated', 'employee.deleted']),
);
export type ChangeType = z.infer<typeof ChangeType>;

export const EmployeeStatus = /* @__PURE__ */ lazySchema(() => z.enum(['active', 'inactive', 'terminated']));

const text = (max: number) => z.string().check(z.maxLength(max));

/** What an HR system says about one employee; every field but `id` may be absent from a delivery. */
export const Employee = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string().check(z.minLength(1), z.maxLength(128)),
    workEmail: z.optional(z.email().check(z.maxLength(320))),
    firstName: z.optional(text(200)),
    lastName: z.optional(text(200)),
    preferredName: z.optional(text(200)),
    jobTitle: z.optional(text(200)),
    department: z.optional(text(200)),
    status: z.optional(builtSchema(EmployeeStatus)),
  }),
);
export type Employee = z.infer<typeof Employee>;

/**
 * One queue message: a single change to one employee, versioned so a replay of an old message is
 * still understood. Produced by the receiver, the reconcile job, the local host and the replay tool.
 */
export const EmployeeChange = /* @__PURE__ */ lazySchema(() =>
  z.object({
    v: z.literal(1),
    provider: builtSchema(ProviderNameShape),
    tenant: z.optional(text(128)),
    /** The provider's event id, or a hash of the delivery body when the provider has none. */
    eventId: z.string().check(z.minLength(1), z.maxLength(256)),
    type: builtSchema(ChangeType),
    occurredAt: z.iso.datetime({ offset: true }),
    receivedAt: z.iso.datetime({ offset: true }),
    employee: builtSchema(Employee),
    /** Thin events carry ids only; the worker must fetch the employee from the HR system first. */
    needsEnrichment: z._default(z.boolean(), false),
  }),
);
export type EmployeeChange = z.infer<typeof EmployeeChange>;
