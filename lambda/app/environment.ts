import * as z from 'zod/mini';
import { lazySchema } from '../core/lazy-schema.js';

/**
 * Each function's environment, its variable names written here only. The stack sets it through
 * `stackEnvironment` (infra/heymarket-hr-sync.ts, infra/scheduled-redrive.ts,
 * infra/scheduled-reconcile.ts), so a missing or misspelt variable fails `tsc`; the handler reads it
 * with `readEnvironment`. Keys are in the order the handlers always checked them: the first missing
 * one is the one named.
 */

// Set by the stack; an empty value is as good as none. Values stay strings: the handler converts
// (`Number`, a default), which keeps these schemas to what the config's schema already bundles.
const set = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1)));
// A variable a stack from before its feature does not set: the handler treats empty as unset.
const optional = /* @__PURE__ */ lazySchema(() => z.optional(z.string()));
/** Where the functions reach Heymarket when the stack sets no `HEYMARKET_BASE_URL`. */
export const DEFAULT_HEYMARKET_BASE_URL = 'https://api.heymarket.com';
// Each schema is lazy (lambda/core/lazy-schema.ts): built when its handler reads it, and left out of
// the bundles of the others.

export const ReceiverEnv = /* @__PURE__ */ lazySchema(() =>
  z.object({
    QUEUE_URL: set,
    WEBHOOK_SECRET_ARN: set,
    // The worker's applied table, of which the receiver may read and write only the `delivery#` items.
    APPLIED_TABLE: set,
  }),
);

export const WorkerEnv = /* @__PURE__ */ lazySchema(() =>
  z.object({
    HEYMARKET_SECRET_ARN: set,
    HEYMARKET_BASE_URL: optional,
    DLQ_URL: set,
    // Without it (a stack from before backoff), retries come back after the visibility timeout.
    QUEUE_URL: optional,
    // Without it (a stack from before thin-event providers), thin events are dead-lettered with a reason.
    HRIS_SECRET_ARN: optional,
    // Without it (a stack from before the table), changes are ordered within a batch only.
    APPLIED_TABLE: optional,
  }),
);

/** The scheduler function's redrive job: read on every redrive. */
export const RedriveEnv = /* @__PURE__ */ lazySchema(() =>
  z.object({
    DLQ_URL: set,
    QUEUE_URL: set,
    MAX_REPLAYS: set,
    REDRIVE_LIMIT: set,
  }),
);

/** The scheduler function's reconcile job: read on its first run only, a redrive needs none of it. */
export const ReconcileEnv = /* @__PURE__ */ lazySchema(() =>
  z.object({
    HEYMARKET_SECRET_ARN: set,
    HRIS_SECRET_ARN: set,
    QUEUE_URL: set,
    APPLIED_TABLE: set,
    HEYMARKET_BASE_URL: optional,
  }),
);

/**
 * The leaver notifier function, fed by the applied table's stream: the table holding the review, the
 * alarm topic the notices go to, and what a notice states.
 */
export const LeaverNotifierEnv = /* @__PURE__ */ lazySchema(() =>
  z.object({
    APPLIED_TABLE: set,
    ALARM_TOPIC_ARN: set,
    // `accessReview.leaverGraceHours`, from the config validated at synth: the notice states it, and the
    // config's schema would cost this small function more than the rest of its code.
    LEAVER_GRACE_HOURS: set,
    // Named in the notices, in the `hr-sync access-review --stack` command they give.
    STACK_NAME: optional,
  }),
);

/**
 * The scheduler function's redrive reading the stored access review (its overdue leavers, counted
 * hourly): the applied table the reconcile job also reads. Read on the first redrive.
 */
export const AccessReviewEnv = /* @__PURE__ */ lazySchema(() =>
  z.object({
    APPLIED_TABLE: set,
  }),
);

/**
 * Set by the stack beside a function's own variables but read by other modules, not the handler:
 * the validated config (lambda/config/load.ts) and the metrics' `service` dimension (Powertools,
 * lambda/observability/powertools-metrics.ts). A type only: the bundles need not carry the names.
 */
export interface ReadElsewhere {
  HR_SYNC_CONFIG: string;
  POWERTOOLS_SERVICE_NAME: string;
}

type Schema = z.ZodMiniObject;
/**
 * What the stack sets on a function: every variable its schema names, as a string (a CDK token is
 * one), and the `Also` variables of `ReadElsewhere` (both unless given).
 */
export type StackEnvironment<S extends Schema, Also extends keyof ReadElsewhere = keyof ReadElsewhere> = {
  [K in keyof z.input<S>]-?: string;
} & Pick<ReadElsewhere, Also>;
/** A variable's name, checked against the schema that defines it (for messages and the CLI). */
export type VariableOf<S extends Schema> = keyof z.input<S> & string;

/** The stack's side: the environment to set, every variable named and no other (tsc checks). */
export function stackEnvironment<S extends Schema, Also extends keyof ReadElsewhere = keyof ReadElsewhere>(
  _schema: S,
  values: StackEnvironment<S, Also>,
): Record<string, string> {
  return values;
}

/** The handler's side: the variables it needs, or an error naming the first one missing. */
export function readEnvironment<S extends Schema>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  // Every variable is a string, so the only way to fail is to be unset (or empty).
  throw new Error(
    `environment variable ${String(result.error.issues[0]?.path[0])} is not set (the stack sets it)`,
  );
}
