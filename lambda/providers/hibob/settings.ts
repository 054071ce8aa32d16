import * as z from 'zod/mini';
import { lazySchema } from '../../core/lazy-schema.js';
import { SecretText } from '../provider.js';

const NonEmpty = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1)));

export const HiBobSettings = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    enabled: z._default(z.boolean(), false),
    /** When set, a delivery for another HiBob company is refused (401). Compared as text: 636192 = "636192". */
    companyId: z.optional(z.union([NonEmpty, z.int()])),
    /** The people API; `https://api.sandbox.hibob.com` for a sandbox. */
    apiBaseUrl: z._default(z.url(), 'https://api.hibob.com'),
    /**
     * `table.entry.*` events for these tables (HiBob `tableId`, case-insensitive) become a thin update;
     * any other table is acknowledged and dropped. Title and department live in `work`.
     */
    tables: z._default(z.array(NonEmpty), ['work', 'employment']),
    /**
     * How the people API names list values: `REPLACE` answers names instead of list-item ids, `APPEND` adds
     * a `humanReadable` node beside the ids. Both are read.
     */
    humanReadable: z._default(z.enum(['REPLACE', 'APPEND']), 'REPLACE'),
    /**
     * Fields asked for to learn when the record last changed, first present wins. Which field HiBob
     * offers for this is not confirmed: one it does not know is silently left out of the answer, and a
     * record without one is taken as fresh.
     */
    modificationTimeFields: z._default(z.array(NonEmpty), [
      'root.modificationDate',
      'root.modificationDateTime',
    ]),
    /**
     * For this long after an event, a record modified before it is taken for HiBob's read-after-write lag
     * (up to ~20 s) and the change is retried later; after it, the record is used as it is. 0 turns the
     * check off.
     */
    staleReadWindowSeconds: z._default(z.int().check(z.minimum(0), z.maximum(3_600)), 120),
    /**
     * When a record has no modification time and its event carried no new values, nothing shows whether
     * HiBob's answer includes the write: the change is read no sooner than this long after it was received
     * (HiBob's lag is up to ~20 s). 0 reads at once and takes what HiBob answers.
     */
    staleReadSettleSeconds: z._default(z.int().check(z.minimum(0), z.maximum(900)), 30),
    /** A record modified at most this long before its event counts as fresh (the event follows the write). */
    staleReadToleranceSeconds: z._default(z.int().check(z.minimum(0), z.maximum(600)), 5),
  }),
);
export type HiBobSettings = z.infer<typeof HiBobSettings>;

/** The provider's part of the HR-system secret: what its API client signs in with. */
export const HiBobCredentials = /* @__PURE__ */ lazySchema(() =>
  z.object({ serviceUserId: SecretText, token: SecretText }),
);
export type HiBobCredentials = z.infer<typeof HiBobCredentials>;
