import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DELIVERY_MEMORY_SECONDS } from '../../lambda/core/applied.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { ALL_PROVIDERS_CONFIG, PROVIDER_SECRETS, TIMED_PROVIDERS } from '../support/timed-deliveries.js';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

/** Standard Webhooks and BambooHR sign a timestamp: a captured request goes stale in 5 minutes. */
const SIGNS_A_TIMESTAMP = new Set(['standard', 'bamboohr']);

describe.each(TIMED_PROVIDERS)('a byte-identical replay of an accepted $name delivery', (provider) => {
  async function accepted() {
    const receiver = await loadReceiver({ config: ALL_PROVIDERS_CONFIG, webhookSecrets: PROVIDER_SECRETS });
    const body = provider.bodyAt(new Date(NOW - MINUTE).toISOString());
    // The request exactly as captured: body and headers, signature included.
    const captured = provider.event(body);
    const first = await receiver.handler(captured);
    expect(first.statusCode).toBe(202);
    expect(queuedMessages(receiver.sqs)).toHaveLength(1);
    const replay = async (laterMs: number, event = captured) => {
      vi.setSystemTime(NOW + laterMs);
      receiver.sqs.resetHistory();
      const response = await receiver.handler(event);
      return { response, queued: queuedMessages(receiver.sqs) };
    };
    return { receiver, body, captured, replay };
  }

  it('is answered 200 duplicate within minutes, and queues nothing, so Heymarket cannot change', async () => {
    const { replay } = await accepted();
    const { response, queued } = await replay(2 * MINUTE);

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ duplicate: true });
    expect(queued).toEqual([]);
  });

  it('is refused 1 day and 34 days later, and queues nothing', async () => {
    const { replay } = await accepted();
    for (const later of [DAY, 34 * DAY]) {
      const { response, queued } = await replay(later);
      if (SIGNS_A_TIMESTAMP.has(provider.name)) {
        // Refused by the signature's replay window before anything else is read.
        expect(response.statusCode, `${later / DAY} days`).toBe(401);
        expect(problemOf(response).type).toBe('urn:heymarket-hr-sync:signature-invalid');
      } else {
        // No timestamp in the signature: only the delivery memory stands between it and the queue.
        expect(response.statusCode, `${later / DAY} days`).toBe(200);
        expect(JSON.parse(response.body)).toEqual({ duplicate: true });
      }
      expect(queued).toEqual([]);
    }
  });

  it('is a duplicate 34 days later even when signed afresh, as a sender’s own late retry is', async () => {
    const { replay, body } = await accepted();
    vi.setSystemTime(NOW + 34 * DAY);
    const { response, queued } = await replay(34 * DAY, provider.event(body));

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ duplicate: true });
    expect(queued).toEqual([]);
  });

  it('is remembered by provider and body hash, for 36 days from when it was accepted', async () => {
    const { receiver, body } = await accepted();

    expect([...receiver.items.entries()]).toEqual([
      [
        `delivery#${provider.name}#${sha256(body)}`,
        {
          pk: { S: `delivery#${provider.name}#${sha256(body)}` },
          expiresAt: { N: String(NOW / 1000 + DELIVERY_MEMORY_SECONDS) },
        },
      ],
    ]);
    expect(DELIVERY_MEMORY_SECONDS).toBe(36 * 24 * 60 * 60);
  });

  it('differs from a delivery one byte longer, which is queued as new', async () => {
    const { replay, body } = await accepted();
    const { response, queued } = await replay(2 * MINUTE, provider.event(`${body}\n`));

    expect(response.statusCode).toBe(202);
    expect(queued).toHaveLength(1);
  });
});
