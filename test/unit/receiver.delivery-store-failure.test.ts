import { GetItemCommand, PutItemCommand, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MERGE_SIGNATURE_KEY, mergeFixture, mergeHeaders } from '../support/fake-merge.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const NOW = Date.parse('2026-02-06T10:00:00.000Z');
const body = mergeFixture('employee-changed.json');
const delivery = () => apiGatewayEvent({ provider: 'merge', body, headers: mergeHeaders(body) });
const down = () => Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' });

const load = () =>
  loadReceiver({
    config: { providers: { merge: { enabled: true } } },
    webhookSecrets: { merge: MERGE_SIGNATURE_KEY },
  });

describe('a delivery when the delivery memory cannot be reached', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('is answered 503, never 202 or a 4xx, and nothing is queued, when the table cannot be read', async () => {
    const receiver = await load();
    receiver.dynamodb.on(GetItemCommand).rejects(down());

    const response = await receiver.handler(delivery());

    expect(response.statusCode).toBe(503);
    expect(problemOf(response)).toEqual({
      type: 'urn:heymarket-hr-sync:delivery-store-unavailable',
      title: 'Temporarily unavailable',
      status: 503,
      detail: 'retry later',
    });
    expect(queuedMessages(receiver.sqs)).toEqual([]);
  });

  it('is answered 503 when it cannot be remembered once queued, so the sender retries until it is', async () => {
    const receiver = await load();
    let failures = 1;
    receiver.dynamodb.on(PutItemCommand).callsFake((input: PutItemCommandInput) => {
      if (failures-- > 0) throw down();
      receiver.items.set(input.Item?.pk?.S ?? '', input.Item ?? {});
      return {};
    });

    const first = await receiver.handler(delivery());
    // Its change is on the queue; the retry queues it again, and the worker drops the repeat as stale
    // (same event id, same patch): see test/unit/worker.ordering.test.ts.
    expect(first.statusCode).toBe(503);
    expect(queuedMessages(receiver.sqs)).toHaveLength(1);

    const retry = await receiver.handler(delivery());
    expect(retry.statusCode).toBe(202);
    const replay = await receiver.handler(delivery());
    expect(replay.statusCode).toBe(200);
    expect(JSON.parse(replay.body)).toEqual({ duplicate: true });
    expect(queuedMessages(receiver.sqs)).toHaveLength(2);
  });
});
