/**
 * How Heymarket's 500 requests a minute (https://developers.heymarket.com/rate-limits) are shared out.
 * Each client holds a token
 * bucket (lambda/net/rate-limiter.ts) of its share, so the budget holds however fast Heymarket
 * answers. On AWS at most `maxConcurrency` (2) worker invocations run at once, each in a container
 * with its own bucket, and the scheduler's reconcile looks users up beside them: in any minute that
 * is 2 × 200 + 50 requests, plus a full bucket of 4 for each container taking part.
 * infra/concurrency.ts checks the sum stays under 500.
 */
export const HEYMARKET_BUDGET_PER_MINUTE = 500;
export const WORKER_SHARE_PER_MINUTE = 200;
export const SCHEDULER_SHARE_PER_MINUTE = 50;
/** The local host runs one worker and nothing else calls Heymarket beside it. */
export const LOCAL_SHARE_PER_MINUTE = 400;
export const BUCKET_BURST = 4;
