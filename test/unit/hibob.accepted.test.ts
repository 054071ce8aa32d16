import { describe, expect, it } from 'vitest';
import { hibobFixture } from '../support/fake-hibob.js';
import { hibob } from '../support/provider-cases/hibob.js';
import { deliverTo } from '../support/provider-cases/index.js';
import {
  expectQueued,
  expectQueuedOne,
  frozenAt,
  queuedBy,
  receiveAfter,
} from '../support/provider-cases/queued.js';

const NOW = Date.parse('2026-02-01T09:00:03.000Z');
const RECEIVED_AT = new Date(NOW).toISOString();

const queued = queuedBy('hibob', '636192');

const deliver = (body: string) => deliverTo(hibob, body, { companyId: 636192 });

// Retries, base64-encoded bodies and header case: test/contract/provider.accepted.test.ts.
describe('a valid HiBob delivery', () => {
  frozenAt(NOW);

  it('puts employee.updated on the queue as a thin update, id = sha256 of the body, time in UTC', async () => {
    const body = hibobFixture('employee-updated.json');
    const delivered = await deliver(body);
    expectQueuedOne(
      delivered,
      body,
      queued(body, {
        type: 'employee.updated',
        // `2026-02-01T09:00:00.915906` has no offset: HiBob means UTC; microseconds are cut.
        occurredAt: '2026-02-01T09:00:00.915Z',
        receivedAt: RECEIVED_AT,
        employee: { id: '3332883884017713238' },
        needsEnrichment: true,
      }),
    );
  });

  it.each([
    ['employee-created.json', 'employee.created', '3332883884017713239', '2026-02-01T08:30:12.004Z'],
    ['employee-joined.json', 'employee.updated', '3332883884017713239', '2026-02-02T00:00:01.120Z'],
    ['table-entry-work.json', 'employee.updated', '3332883884017713238', '2026-02-01T09:05:44.608Z'],
  ])('turns %s into a thin %s', async (name, type, id, occurredAt) => {
    const receivedAt = receiveAfter(NOW, occurredAt);
    const body = hibobFixture(name);
    expectQueued(await deliver(body), [
      queued(body, {
        type,
        occurredAt,
        receivedAt,
        employee: { id },
        needsEnrichment: true,
      }),
    ]);
  });

  it('turns employee.activated into a thin update', async () => {
    receiveAfter(NOW, '2026-02-02T00:00:01.120Z');
    const body = hibobFixture('employee-joined.json').replace('employee.joined', 'employee.activated');
    const { messages } = await deliver(body);
    expect(messages[0]?.body).toMatchObject({ type: 'employee.updated', needsEnrichment: true });
  });

  it.each([
    ['employee-left.json', 'employee.terminated', { status: 'terminated' }, '2026-01-16T00:00:02.500Z', true],
    [
      'employee-inactivated.json',
      'employee.updated',
      { status: 'inactive' },
      '2026-01-16T00:00:02.700Z',
      true,
    ],
    ['employee-deleted.json', 'employee.deleted', {}, '2026-02-03T10:15:00.000Z', false],
  ])(
    'turns lifecycle event %s into %s by id (enriched: a leaver still has a work email)',
    async (name, type, status, occurredAt, needsEnrichment) => {
      const receivedAt = receiveAfter(NOW, occurredAt);
      const body = hibobFixture(name);
      const { response, messages } = await deliver(body);
      expect(response.statusCode).toBe(202);
      const { employee } = JSON.parse(body).data as { employee?: never; employeeId: string };
      expect(employee).toBeUndefined();
      expect(messages.map((message) => message.body)).toEqual([
        queued(body, {
          type,
          occurredAt,
          receivedAt,
          employee: { id: JSON.parse(body).data.employeeId, ...status },
          needsEnrichment,
        }),
      ]);
    },
  );

  it('keeps an explicit offset in triggeredAt', async () => {
    const body = hibobFixture('employee-updated.json').replace(
      '"2026-02-01T09:00:00.915906"',
      '"2026-02-01T10:00:00.915906+01:00"',
    );
    const { messages } = await deliver(body);
    expect(messages[0]?.body.occurredAt).toBe('2026-02-01T09:00:00.915Z');
  });

  it('takes companyId and employeeId as a string or a number', async () => {
    const json = JSON.parse(hibobFixture('employee-updated.json'));
    const body = JSON.stringify({ ...json, companyId: '636192', data: { employeeId: 4711 } });
    const { response, messages } = await deliver(body);
    expect(response.statusCode).toBe(202);
    expect(messages[0]?.body).toMatchObject({ tenant: '636192', employee: { id: '4711' } });
  });
});
