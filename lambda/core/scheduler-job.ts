import * as z from 'zod/mini';
import { invalidInput } from './errors.js';
import { lazySchema } from './lazy-schema.js';

/**
 * What a schedule asks the scheduler function to do, from the schedule's input. No input, or one
 * without `job` (the redrive schedule as first deployed), is the redrive.
 */
export const SchedulerJob = /* @__PURE__ */ lazySchema(() =>
  z.discriminatedUnion('job', [
    z.object({ job: z.literal('redrive') }),
    z.object({ job: z.literal('reconcile'), dryRun: z._default(z.boolean(), false) }),
  ]),
);
export type SchedulerJob = z.infer<typeof SchedulerJob>;

export function parseSchedulerJob(event: unknown): SchedulerJob {
  const input = typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : {};
  if (input.job === undefined) return { job: 'redrive' };
  const result = SchedulerJob.safeParse(input, { reportInput: false });
  if (!result.success) {
    throw invalidInput(
      'scheduler-input-invalid',
      'scheduler: the schedule input must be {"job":"redrive"} or {"job":"reconcile","dryRun"?:boolean}',
    );
  }
  return result.data;
}
