import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import type { EmployeeChange } from '../../lambda/core/employee-change.js';
import { transient } from '../../lambda/core/errors.js';
import { type DeliveryRequest, type ReceiveDeps, receiveDelivery } from '../../lambda/service/receive.js';
import { MemoryDeliveries } from '../support/memory-deliveries.js';
import { recordingMetrics } from '../support/recording-metrics.js';
import { fixture, signedHeaders, TEST_SECRET } from '../support/standard-webhook.js';

// Shortly after the fixtures' event times (the latest is 17:00), so none is clamped or refused.
const NOW = Date.parse('2026-02-01T17:01:00Z');

function receiver(
  options: { enqueue?: (changes: EmployeeChange[]) => Promise<void>; withoutMetrics?: boolean } = {},
) {
  const { metrics, counts } = recordingMetrics();
  const quiet = () => {};
  const deps: ReceiveDeps = {
    config: parseConfig({}, 'test'),
    webhookSecret: async () => TEST_SECRET,
    enqueue: options.enqueue ?? (async () => {}),
    deliveries: new MemoryDeliveries(),
    now: () => NOW,
    log: { info: quiet, warn: quiet, error: quiet },
    ...(options.withoutMetrics ? {} : { metrics }),
  };
  const deliver = (body: string, overrides: Partial<DeliveryRequest> = {}) => {
    const headers = signedHeaders(body, { timestamp: NOW / 1000 });
    return receiveDelivery(
      { provider: 'standard', body: Buffer.from(body), header: (name) => headers[name], ...overrides },
      deps,
    );
  };
  return { deliver, counts };
}

describe('what the receiver counts', () => {
  it('counts the changes a delivery put on the queue and the repeats it dropped', async () => {
    const { deliver, counts } = receiver();
    const [first, second] = JSON.parse(fixture('batch.json'));
    const response = await deliver(JSON.stringify([first, second, first]));

    expect(response.status).toBe(202);
    expect(counts).toEqual({ ChangesAccepted: 2, DuplicatesDropped: 1 });
  });

  it('counts each rejected delivery once, by its problem code', async () => {
    const { deliver, counts } = receiver();
    const body = fixture('employee-updated.json');

    await deliver(body, { provider: 'workday' });
    await deliver(body, { header: () => undefined });
    await deliver(body, { header: () => undefined });
    await deliver('{"not": "a change"');
    await deliver('x'.repeat(256 * 1024 + 1));

    expect(counts).toEqual({
      'DeliveriesRejected{reason=unknown-provider}': 1,
      'DeliveriesRejected{reason=signature-invalid}': 2,
      'DeliveriesRejected{reason=body-invalid}': 1,
      'DeliveriesRejected{reason=body-too-large}': 1,
    });
  });

  it('counts a delivery refused for a failure of ours under its code, and accepts nothing', async () => {
    const down = async () => {
      throw transient('queue-unavailable', 'queue: SendMessageBatch failed (ServiceUnavailable)');
    };
    const { deliver, counts } = receiver({ enqueue: down });

    expect((await deliver(fixture('batch.json'))).status).toBe(503);
    expect(counts).toEqual({ 'DeliveriesRejected{reason=queue-unavailable}': 1 });
  });

  it('counts a replayed delivery, and each change whose event time was raised to the 35-day floor', async () => {
    const { deliver, counts } = receiver();
    const [first] = JSON.parse(fixture('batch.json'));
    const body = JSON.stringify({ ...first, occurredAt: '2025-12-01T00:00:00Z' });

    expect((await deliver(body)).status).toBe(202);
    expect((await deliver(body)).status).toBe(200);
    expect(counts).toEqual({
      ChangesAccepted: 1,
      DuplicatesDropped: 0,
      OccurredAtClamped: 1,
      DeliveriesReplayed: 1,
    });
  });

  it('answers the same for a host that passes no metrics (the port is optional)', async () => {
    const { deliver } = receiver({ withoutMetrics: true });
    const body = fixture('batch.json');

    expect((await deliver(body)).status).toBe(202);
    expect((await deliver(body, { provider: 'workday' })).status).toBe(404);
  });
});
