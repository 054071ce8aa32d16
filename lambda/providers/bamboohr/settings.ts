import * as z from 'zod/mini';
import { lazySchema } from '../../core/lazy-schema.js';
import { SecretText } from '../provider.js';

const NonEmpty = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1)));
const FieldName = (fallback: string) => z._default(NonEmpty, fallback);

export const BambooHrSettings = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    enabled: z._default(z.boolean(), false),
    /**
     * When set, an event-based delivery for another BambooHR company is refused (401). Compared as text:
     * 12345 = "12345". Field-based deliveries carry no company id: they are routed by URL and key alone.
     */
    companyId: z.optional(z.union([NonEmpty, z.int()])),
    /** The API host; the path `/api/gateway.php/{subdomain}/v1/...` is added to it. */
    apiBaseUrl: z._default(z.url(), 'https://api.bamboohr.com'),
    /**
     * Field-based webhooks name fields by display name or an admin-set alias: which key carries what.
     * Keys are this project's names, values the names BambooHR sends. Matched without regard to case;
     * a field not found under its configured name is also looked for under its default display name and
     * its API name (`firstName`), the alias an admin is most likely to pick.
     */
    fieldMap: z.prefault(
      z.strictObject({
        workEmail: FieldName('Work Email'),
        firstName: FieldName('First Name'),
        lastName: FieldName('Last Name'),
        preferredName: FieldName('Preferred Name'),
        jobTitle: FieldName('Job Title'),
        department: FieldName('Department'),
        status: FieldName('Status'),
        employmentStatus: FieldName('Employment Status'),
        terminationDate: FieldName('Termination Date'),
      }),
      {},
    ),
  }),
);
export type BambooHrSettings = z.infer<typeof BambooHrSettings>;
export type FieldKey = keyof BambooHrSettings['fieldMap'];

/** The provider's part of the HR-system secret: what its API client signs in with. */
export const BambooHrCredentials = /* @__PURE__ */ lazySchema(() =>
  z.object({ subdomain: SecretText, apiKey: SecretText }),
);
export type BambooHrCredentials = z.infer<typeof BambooHrCredentials>;
