import * as z from 'zod/mini';
import { FindingKind } from '../core/access-review-report.js';
import { lazySchema } from '../core/lazy-schema.js';
import { formatPath } from './format-path.js';
import { overrideKeyProblem } from './identity-overrides.js';

const NonEmpty = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1)));

/** `accessReview.scope[]`: the `match` of a role rule, so one vocabulary says who is in scope. */
const ScopeEntry = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ department: z.optional(NonEmpty), jobTitle: z.optional(NonEmpty) }).check(
    z.refine((entry) => entry.department !== undefined || entry.jobTitle !== undefined, {
      message: 'needs at least one of department, jobTitle (an empty entry would match everyone)',
    }),
  ),
);

/** A calendar day that exists (`2026-02-30` does not): Date rolls it over, so it must read back the same. */
const isCalendarDay = (text: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

const Acknowledgement = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** `provider:employee id`, the form of `identityOverrides` keys, checked by the same rule. */
    employee: z.string().check(
      z.superRefine((key, ctx) => {
        const problem = overrideKeyProblem(key);
        if (problem) ctx.addIssue({ code: 'custom', message: problem.replace(/^key /, ''), input: key });
      }),
    ),
    /** Only this kind of finding; absent: every finding of the employee. */
    kind: z.optional(FindingKind),
    until: z
      .string()
      .check(z.refine(isCalendarDay, { message: 'must be a date written YYYY-MM-DD (e.g. "2026-12-31")' })),
    reason: z.string().check(
      z.refine((reason) => reason.trim() !== '', {
        message: 'must say why the finding is accepted (a person reads it when the entry is reviewed)',
      }),
    ),
  }),
);

export const AccessReview = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    /** Who should have a Heymarket seat; empty: everyone with a work email. */
    scope: z._default(z.array(ScopeEntry), []),
    /** Findings a person has accepted, hidden through `until`. */
    acknowledged: z._default(z.array(Acknowledgement), []),
    /** How long a leaver may keep a seat before the alarm fires. */
    leaverGraceHours: z._default(z.int().check(z.minimum(1), z.maximum(24 * 90)), 24),
  }),
);
export type AccessReview = z.infer<typeof AccessReview>;

/**
 * What is valid but probably not meant: an acknowledgement whose `until` has passed (its finding is
 * shown again). Local start and synth print these; they never stop either.
 */
export function accessReviewWarnings(config: { accessReview: AccessReview }, now: number, source: string) {
  const today = new Date(now).toISOString().slice(0, 10);
  return config.accessReview.acknowledged.flatMap((entry, index) =>
    entry.until < today
      ? [
          `config: ${formatPath(['accessReview', 'acknowledged', index, 'until'])} ${entry.until} has passed, so the findings for ${entry.employee} show again; set a later date or remove the entry in ${source}`,
        ]
      : [],
  );
}
