import * as z from 'zod/mini';
import '../lambda/core/zod-locale.js';
import { ProviderName, providers } from '../lambda/providers/index.js';
import type { ThrottleLimits } from '../lambda/providers/provider.js';

export type { ThrottleLimits };

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
 * Sized for how each HR system sends and whether it retries a 429: each provider's `throttle`, with
 * the reasons beside it (lambda/providers/<name>/provider.ts).
 */
export const PROVIDER_THROTTLE: Readonly<Record<ProviderName, ThrottleLimits>> = Object.fromEntries(
  providers.map((provider) => [provider.name, provider.throttle]),
) as Record<ProviderName, ThrottleLimits>;

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
