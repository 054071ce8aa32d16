import { describe, expect, it, vi } from 'vitest';
import { bamboohrFixture } from '../support/fake-bamboohr.js';
import { bamboohr } from '../support/provider-cases/bamboohr.js';
import { deliverTo } from '../support/provider-cases/index.js';
import { expectQueued, expectQueuedOne, frozenAt, queuedBy } from '../support/provider-cases/queued.js';

const NOW = Date.parse('2026-01-31T18:42:03.000Z');
const RECEIVED_AT = new Date(NOW).toISOString();

const queued = queuedBy('bamboohr', '12345');

const deliver = (body: string) => deliverTo(bamboohr, body, { companyId: '12345' });

// Retries, base64-encoded bodies and header case: test/contract/provider.accepted.test.ts.
describe('a valid BambooHR event-based delivery', () => {
  frozenAt(NOW);

  it('puts employee.updated on the queue as a thin update, id = sha256 of the body, time in UTC', async () => {
    const body = bamboohrFixture('event-employee-updated.json');
    const delivered = await deliver(body);
    expectQueuedOne(
      delivered,
      body,
      queued(body, {
        type: 'employee.updated',
        // `2026-01-31T18:42:00+0000`: the offset without a colon, as BambooHR writes it.
        occurredAt: '2026-01-31T18:42:00.000Z',
        receivedAt: RECEIVED_AT,
        employee: { id: '67890' },
        needsEnrichment: true,
      }),
    );
    expect(delivered.messages[0]?.attributes?.provider?.StringValue).toBe('bamboohr');
  });

  it('puts employee.created on the queue as a thin create', async () => {
    const body = bamboohrFixture('event-employee-created.json');
    expectQueued(await deliver(body), [
      queued(body, {
        type: 'employee.created',
        occurredAt: '2026-01-31T18:40:12.000Z',
        receivedAt: RECEIVED_AT,
        employee: { id: '67891' },
        needsEnrichment: true,
      }),
    ]);
  });

  it('queues both the created and the updated a new employee sends, for the worker to coalesce', async () => {
    const created = JSON.stringify({
      type: 'employee.created',
      timestamp: '2026-01-31T18:42:00+0000',
      data: { companyId: '12345', employeeId: '67894' },
    });
    const updated = JSON.stringify({
      type: 'employee.updated',
      timestamp: '2026-01-31T18:42:00+0000',
      data: { companyId: '12345', employeeId: '67894', changedFields: ['firstName', 'workEmail'] },
    });
    const first = await deliver(created);
    const second = await deliver(updated);
    expect([first.response.statusCode, second.response.statusCode]).toEqual([202, 202]);
    const bodies = [...first.messages, ...second.messages].map((message) => message.body);
    expect(bodies.map((change) => [change.type, change.employee.id, change.needsEnrichment])).toEqual([
      ['employee.created', '67894', true],
      ['employee.updated', '67894', true],
    ]);
    expect(bodies[0]?.eventId).not.toBe(bodies[1]?.eventId);
  });

  it('puts employee.deleted on the queue by id only, with nothing to fetch', async () => {
    // Its event is two days after the others: received just after it (a later time would be refused).
    vi.setSystemTime(Date.parse('2026-02-02T09:15:02.000Z'));
    const body = bamboohrFixture('event-employee-deleted.json');
    expectQueued(await deliver(body), [
      queued(body, {
        type: 'employee.deleted',
        occurredAt: '2026-02-02T09:15:00.000Z',
        receivedAt: '2026-02-02T09:15:02.000Z',
        employee: { id: '67892' },
        needsEnrichment: false,
      }),
    ]);
  });

  it('takes companyId and employeeId as numbers, and a timestamp in unix seconds', async () => {
    const json = JSON.parse(bamboohrFixture('event-employee-updated.json'));
    const body = JSON.stringify({
      ...json,
      timestamp: 1769884920,
      data: { companyId: 12345, employeeId: 67890 },
    });
    const { response, messages } = await deliver(body);
    expect(response.statusCode).toBe(202);
    expect(messages[0]?.body).toMatchObject({
      tenant: '12345',
      employee: { id: '67890' },
      occurredAt: '2026-01-31T18:42:00.000Z',
    });
  });

  it('takes the time received when the event has no timestamp', async () => {
    const json = JSON.parse(bamboohrFixture('event-employee-updated.json'));
    delete json.timestamp;
    const { messages } = await deliver(JSON.stringify(json));
    expect(messages[0]?.body.occurredAt).toBe(RECEIVED_AT);
  });
});
