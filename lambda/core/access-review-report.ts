import * as z from 'zod/mini';
import { SyncError } from './errors.js';
import { lazySchema } from './lazy-schema.js';
import { UserId } from './user-patch.js';

/**
 * The reserved key of the latest review in the applied table. Employee keys are
 * `<provider>#<tenant>#<id>` with a provider name, so no employee can take it.
 */
export const ACCESS_REVIEW_KEY = 'access-review#latest';

/**
 * The access review as `hr-sync access-review --json` prints it and the stores keep it: a contract
 * scripts rely on (docs/access-review.md), so fields are only ever added, never renamed or removed.
 */
export const FINDING_KINDS = ['leaver-with-seat', 'hire-without-seat', 'seat-without-employee'] as const;
export const FindingKind = /* @__PURE__ */ lazySchema(() => z.enum(FINDING_KINDS));
export type FindingKind = z.infer<typeof FindingKind>;

const text = /* @__PURE__ */ lazySchema(() => z.nullable(z.string()));
const isoTime = /* @__PURE__ */ lazySchema(() => z.iso.datetime({ offset: true }));

export const FindingEmployee = /* @__PURE__ */ lazySchema(() =>
  z.object({
    provider: z.string().check(z.minLength(1)),
    id: z.string().check(z.minLength(1)),
    name: text,
    workEmail: text,
    /** The HR status (`active`, `inactive`, `terminated`), `deleted` for a removed record, else null. */
    status: text,
    /** `YYYY-MM-DD` as HR holds it. */
    terminationDate: text,
  }),
);
export type FindingEmployee = z.infer<typeof FindingEmployee>;

export const FindingUser = /* @__PURE__ */ lazySchema(() =>
  z.object({ id: UserId, name: text, roleId: z.nullable(UserId) }),
);
export type FindingUser = z.infer<typeof FindingUser>;

export const Finding = /* @__PURE__ */ lazySchema(() =>
  z.object({
    kind: FindingKind,
    employee: z.nullable(FindingEmployee),
    user: z.nullable(FindingUser),
    firstSeenAt: isoTime,
    /**
     * When the administrators were sent a notice naming this finding (leavers only), else null; absent
     * from reviews written before notices existed. Carried over like `firstSeenAt`.
     */
    notifiedAt: z.optional(z.nullable(isoTime)),
  }),
);
export type Finding = z.infer<typeof Finding>;

export const AccessReviewReport = /* @__PURE__ */ lazySchema(() =>
  z.object({
    generatedAt: isoTime,
    /**
     * True when the last run could not renew the review (the team listing, the remembered ids or the
     * write failed): this is the one before it.
     */
    stale: z.boolean(),
    /** Providers that could not be listed: their people may be missing from every list. */
    partial: z.array(z.string()),
    findings: z.array(Finding),
  }),
);
export type AccessReviewReport = z.infer<typeof AccessReviewReport>;

/**
 * What makes two findings of two runs the same one, so its `firstSeenAt` and `notifiedAt` carry over: the kind, the
 * HR employee (`provider:id`) and the Heymarket user.
 */
export const findingKey = (finding: Pick<Finding, 'kind' | 'employee' | 'user'>): string =>
  [
    finding.kind,
    finding.employee ? `${finding.employee.provider}:${finding.employee.id}` : '-',
    finding.user ? String(finding.user.id) : '-',
  ].join('|');

/** The stored review, checked against the contract; what fails it is an error naming where it was. */
export function parseStoredReview(text: string, where: string): AccessReviewReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = AccessReviewReport.safeParse(json, { reportInput: false });
  if (!parsed.success) {
    throw new SyncError(
      'permanent',
      'access-review-unreadable',
      `access-review: the review stored in ${where} cannot be read (${parsed.error.issues[0]?.message ?? 'not JSON'}); the next reconcile run writes a new one`,
    );
  }
  return parsed.data;
}
