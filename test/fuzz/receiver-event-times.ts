import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadReceiver, problemOf } from '../support/receiver.js';
import {
  FUZZ_CONFIG,
  FUZZ_SECRETS,
  FUZZ_SEED,
  fuzzParameters,
  type ProviderName,
  SPECS,
} from './deliveries.js';
import { deliverAlone, GRACE, HOSTILE_RUNS, KINDS, type Receiver, TIMEOUT_MS } from './hostile-delivery.js';
import { BODIES, timeForm, timeText } from './provider-bodies.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The receiver's trust window (lambda/core/event-time.ts), restated here as the specification. */
const LEAD_MS = 5 * MINUTE;
const AGE_MS = 35 * DAY;
const NOW = Date.parse('2026-06-15T12:00:00.000Z');

/**
 * Event times in the field each provider takes them from, on both sides of the trusted window
 * [received − 35 days, received + 5 minutes] and at its edges, in every form the provider writes.
 * Run last in `describeReceiverFuzz`, on a receiver of its own: the handler keeps the `Date.now` it
 * finds when it starts (here the pinned one), and loading a receiver mocks the AWS clients anew.
 */
export function describeEventTimes(provider: ProviderName) {
  const spec = SPECS[provider];

  describe(`${provider} event times against a pinned clock (seed ${FUZZ_SEED})`, () => {
    let pinned: Receiver;
    beforeAll(async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW);
      pinned = await loadReceiver({ config: FUZZ_CONFIG, webhookSecrets: FUZZ_SECRETS });
    });
    afterAll(() => vi.useRealTimers());

    it(
      'refuses an event time more than 5 minutes ahead with 400 occurred-in-future, and queues any other with its time raised to 35 days before receipt at the earliest',
      async () => {
        const offset = fc.oneof(
          fc.constantFrom(0, LEAD_MS, LEAD_MS + 1, -AGE_MS, -AGE_MS - 1, LEAD_MS + 1000, -AGE_MS - 1000),
          fc.integer({ min: -AGE_MS, max: LEAD_MS }),
          fc.integer({ min: LEAD_MS + 1, max: 400 * DAY }),
          fc.integer({ min: -20 * 365 * DAY, max: -AGE_MS - 1 }),
          fc
            .constantFrom(
              '2999-01-01T00:00:00Z',
              '9999-12-31T23:59:59.999Z',
              '0001-01-01T00:00:00Z',
              '1970-01-01T00:00:00Z',
            )
            .map((iso) => Date.parse(iso) - NOW),
        );
        const tally = { future: 0, trusted: 0, clamped: 0 };
        await fc.assert(
          fc.asyncProperty(
            fc.record({
              offset,
              form: timeForm(provider),
              kind: fc.constantFrom(...KINDS),
              fat: fc.boolean(),
            }),
            async ({ offset: delta, form, kind, fat }) => {
              const time = timeText(NOW + delta, form);
              const text = JSON.stringify(
                BODIES[provider]({ id: 'E-fuzz', kind, fat, time: time.text, employee: GRACE }),
              );
              const { response, queued } = await deliverAlone(pinned, provider, {
                text,
                headers: spec.sign(Buffer.from(text), spec.secret, 0),
              });
              if (time.ms > NOW + LEAD_MS) {
                tally.future += 1;
                expect(response.statusCode).toBe(400);
                expect(problemOf(response).type).toBe('urn:heymarket-hr-sync:occurred-in-future');
                expect(pinned.items.size).toBe(0);
                return;
              }
              expect(response.statusCode).toBe(202);
              expect(queued).toHaveLength(1);
              const floor = NOW - AGE_MS;
              tally[time.ms < floor ? 'clamped' : 'trusted'] += 1;
              // The same instant; Standard Webhooks keeps the sender's offset when it is not clamped.
              expect(Date.parse(queued[0]?.occurredAt ?? '')).toBe(Math.max(time.ms, floor));
              expect(queued[0]?.receivedAt).toBe(new Date(NOW).toISOString());
            },
          ),
          fuzzParameters(HOSTILE_RUNS),
        );
        console.info(`fuzz ${provider}: event times`, tally);
        expect(Math.min(tally.future, tally.trusted, tally.clamped)).toBeGreaterThan(0);
      },
      TIMEOUT_MS,
    );
  });
}
