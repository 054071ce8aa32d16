import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent, signedHeaders } from '../support/standard-webhook.js';
import { ALL_PROVIDERS_CONFIG, PROVIDER_SECRETS, TIMED_PROVIDERS } from '../support/timed-deliveries.js';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

const load = () => loadReceiver({ config: ALL_PROVIDERS_CONFIG, webhookSecrets: PROVIDER_SECRETS });

describe.each(TIMED_PROVIDERS)('the event time of a $name delivery', (provider) => {
  async function deliverAt(occurredMs: number) {
    const receiver = await load();
    const response = await receiver.handler(provider.event(provider.bodyAt(iso(occurredMs))));
    return { response, messages: queuedMessages(receiver.sqs).map((message) => message.body) };
  }

  it('6 minutes ahead of the receiver’s clock is answered 400 occurred-in-future, and nothing is queued', async () => {
    const { response, messages } = await deliverAt(NOW + 6 * MINUTE);

    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem.type).toBe('urn:heymarket-hr-sync:occurred-in-future');
    expect(problem.detail).toContain('more than 5 minutes after the delivery was received');
    expect(messages).toEqual([]);
  });

  it('4 minutes ahead is accepted as it is (clock skew)', async () => {
    const { response, messages } = await deliverAt(NOW + 4 * MINUTE);

    expect(response.statusCode).toBe(202);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ occurredAt: iso(NOW + 4 * MINUTE), receivedAt: iso(NOW) });
  });

  it('40 days old is accepted with its time raised to 35 days before it was received', async () => {
    const { response, messages } = await deliverAt(NOW - 40 * DAY);

    expect(response.statusCode).toBe(202);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ occurredAt: iso(NOW - 35 * DAY), receivedAt: iso(NOW) });
  });
});

describe('a Standard Webhooks delivery of several changes', () => {
  it('is refused whole when one of them is from the future: none of its changes is queued', async () => {
    const receiver = await load();
    const change = (id: string, occurredAt: string) => ({
      id,
      type: 'employee.updated',
      occurredAt,
      employee: { id, workEmail: `${id.toLowerCase()}@example.test`, firstName: 'Ann' },
    });
    const body = JSON.stringify([
      change('E1', iso(NOW - MINUTE)),
      change('E2', '2999-01-01T00:00:00Z'),
      change('E3', iso(NOW)),
    ]);

    const response = await receiver.handler(
      apiGatewayEvent({ body, headers: signedHeaders(body, { timestamp: NOW / 1000 }) }),
    );

    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toMatch(/^body: the event time of change 1 /);
    expect(queuedMessages(receiver.sqs)).toEqual([]);
    // Refused deliveries are not remembered: the sender may correct its clock and send the same body.
    expect(receiver.items.size).toBe(0);
  });
});
