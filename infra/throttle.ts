import * as z from 'zod/mini';
import '../lambda/core/zod-locale.js';
import { ProviderName } from '../lambda/core/employee-change.js';

/** API Gateway's token bucket: `rateLimit` requests per second refill it, `burstLimit` is its size. */
export interface ThrottleLimits {
  rateLimit: number;
  burstLimit: number;
}

/**
 * The stage's limits: every method without limits of its own gets them, and no provider may be given
 * more (context `throttle` above them fails the synth). API Gateway applies a stage's limits to each
 * method on its own, not to the stage as one pool
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html),
 * so the most the API takes in all is the sum of the enabled providers' limits (plus the trickle for
 * unknown names).
 *
 * Throttling is a cost guard against floods, not traffic shaping: API Gateway answers 429, a 4xx that
 * BambooHR, Merge and Personio never retry, so each provider's limit sits well above what that HR system
 * sends (a bulk import arrives as batched or per-employee deliveries, never thousands a second); a
 * BambooHR, Merge or Personio delivery lost to it is found again by the daily reconcile
 * (infra/scheduled-reconcile.ts), which reads those systems' APIs.
 */
export const THROTTLE: ThrottleLimits = { rateLimit: 100, burstLimit: 200 };

/**
 * Each provider's own limits, on its own `POST /webhooks/<provider>` method, so a flood on one URL
 * (a runaway sender, or someone who learned it) spends its own bucket and never another provider's.
 * Sized for how each HR system sends and whether it retries a 429:
 * - standard: Standard Webhooks senders such as Svix fan a bulk change out as one message per
 *   employee, delivered concurrently, and retry any non-2xx for about a day
 *   (https://docs.svix.com/retries): the largest burst, and a 429 only delays it.
 * - bamboohr: field-based webhooks batch many employees into one request and BambooHR can space them
 *   itself (the webhook's `limit` of times per seconds,
 *   https://documentation.bamboohr.com/docs/permissioned-webhooks); event-based webhooks send one per
 *   employee event (`created` then `updated` for a hire). BambooHR retries only a 5xx, 5 times over
 *   about 2.5 hours, and never a 4xx: room for a bulk edit of a few hundred employees at once.
 * - merge: one `Employee.*` delivery per changed employee after each sync of a linked account, so the
 *   first sync or a re-sync arrives as a burst; Merge retries a failure only a few times. Merge's
 *   ~100 requests/min per account limits our reads from its API, not its deliveries to us.
 * - hibob: one delivery per employee event (and per changed table entry); HiBob retries a failed
 *   delivery for up to 3 days, so a 429 delays rather than loses: the tightest limits.
 * - personio: one thin delivery per person or employment event, including bulk imports; Personio
 *   wants an answer within 3 s and does not retry a 4xx.
 */
export const PROVIDER_THROTTLE: Readonly<Record<ProviderName, ThrottleLimits>> = {
  standard: { rateLimit: 50, burstLimit: 200 },
  bamboohr: { rateLimit: 20, burstLimit: 100 },
  merge: { rateLimit: 20, burstLimit: 100 },
  hibob: { rateLimit: 10, burstLimit: 50 },
  personio: { rateLimit: 20, burstLimit: 100 },
};

/**
 * `POST /webhooks/{name}` for any name that is not an enabled provider: the receiver only answers it
 * 404, so a trickle is enough and a flood of made-up names costs little.
 */
export const UNKNOWN_PROVIDER_THROTTLE: ThrottleLimits = { rateLimit: 1, burstLimit: 5 };

const Limits = z.strictObject({
  rateLimit: z.optional(z.number().check(z.positive(), z.maximum(THROTTLE.rateLimit))),
  burstLimit: z.optional(z.int().check(z.positive(), z.maximum(THROTTLE.burstLimit))),
});

/** Context `throttle`: `{"<provider>": {"rateLimit": n, "burstLimit": n}}`, either limit optional. */
export const ThrottleOverrides = z.partialRecord(ProviderName, Limits);
export type ThrottleOverrides = z.infer<typeof ThrottleOverrides>;

/** Each provider's limits: its default, with what the context overrides. */
export function throttleFor(provider: ProviderName, overrides: ThrottleOverrides = {}): ThrottleLimits {
  const override = Object.hasOwn(overrides, provider) ? overrides[provider] : undefined;
  return { ...PROVIDER_THROTTLE[provider], ...override };
}
