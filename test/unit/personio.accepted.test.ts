import { describe, expect, it } from 'vitest';
import { personioFixture } from '../support/fake-personio.js';
import { deliverTo } from '../support/provider-cases/index.js';
import { personio } from '../support/provider-cases/personio.js';
import {
  expectQueued,
  expectQueuedOne,
  frozenAt,
  queuedBy,
  receiveAfter,
  sha256,
} from '../support/provider-cases/queued.js';

const NOW = Date.parse('2026-02-01T09:00:02.000Z');
const RECEIVED_AT = new Date(NOW).toISOString();

const queued = queuedBy('personio', '81725');

const deliver = (body: string) => deliverTo(personio, body, { companyId: '81725' });

const withPayload = (name: string, payload: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ...JSON.parse(personioFixture(name)), payload, ...extra });

// Retries, base64-encoded bodies and header case: test/contract/provider.accepted.test.ts.
describe('a valid Personio delivery', () => {
  frozenAt(NOW);

  it('puts person.updated on the queue as a thin update of the person, id = sha256 of the body', async () => {
    const body = personioFixture('person-updated.json');
    const delivered = await deliver(body);
    expectQueuedOne(
      delivered,
      body,
      queued(body, {
        type: 'employee.updated',
        // `2026-02-01T10:00:00.915+01:00`, normalised to UTC.
        occurredAt: '2026-02-01T09:00:00.915Z',
        receivedAt: RECEIVED_AT,
        employee: { id: '4471902' },
        needsEnrichment: true,
      }),
    );
  });

  it.each([
    ['person-created.json', 'employee.created', '4471903', '2026-02-01T08:30:12.004Z'],
    ['employment-created.json', 'employee.updated', '4471903', '2026-02-01T08:30:12.950Z'],
    ['employment-updated.json', 'employee.updated', '4471902', '2026-02-01T09:05:44.608Z'],
    ['employment-deleted.json', 'employee.updated', '4471902', '2026-02-02T11:00:00.000Z'],
    ['employment-terminated.json', 'employee.terminated', '4471904', '2026-01-31T23:00:01.000Z'],
  ])(
    'turns %s into a thin %s of the person (never the employment id)',
    async (name, type, id, occurredAt) => {
      const receivedAt = receiveAfter(NOW, occurredAt);
      const body = personioFixture(name);
      expectQueued(await deliver(body), [
        queued(body, {
          type,
          occurredAt,
          receivedAt,
          employee: { id },
          needsEnrichment: true,
        }),
      ]);
    },
  );

  it('turns employment.started into a thin update', async () => {
    const body = personioFixture('employment-terminated.json').replace(
      'employment.terminated',
      'employment.started',
    );
    const { messages } = await deliver(body);
    expect(messages[0]?.body).toMatchObject({ type: 'employee.updated', needsEnrichment: true });
  });

  it('turns person.deleted into employee.deleted by id, not enriched (the person cannot be read)', async () => {
    const receivedAt = receiveAfter(NOW, '2026-02-03T10:15:00.000Z');
    const body = personioFixture('person-deleted.json');
    expectQueued(await deliver(body), [
      queued(body, {
        type: 'employee.deleted',
        occurredAt: '2026-02-03T10:15:00.000Z',
        receivedAt,
        employee: { id: '4471906' },
        needsEnrichment: false,
      }),
    ]);
  });

  it.each([
    ['person_id', { id: '9002', person_id: '4471902' }],
    ['a numeric person.id', { id: 9002, person: { id: 4471902 } }],
    [
      'the person link',
      { id: '9002', _meta: { links: { person: { href: 'https://api.personio.de/v2/persons/4471902' } } } },
    ],
  ])('finds the person of an employment event by %s', async (_, payload) => {
    receiveAfter(NOW, '2026-02-01T09:05:44.608Z');
    const { response, messages } = await deliver(withPayload('employment-updated.json', payload));
    expect(response.statusCode).toBe(202);
    expect(messages[0]?.body.employee).toEqual({ id: '4471902' });
  });

  it('prefers an explicit person reference to payload.id in a person event', async () => {
    const body = withPayload('person-updated.json', { id: 'evt-1', person: { id: '4471902' } });
    const { messages } = await deliver(body);
    expect(messages[0]?.body.employee).toEqual({ id: '4471902' });
  });

  it.each([
    [
      'event_id',
      { event_id: '6c3a1d2e-0b7f-4a55-9d0e-5f1d2b3c4a01' },
      '6c3a1d2e-0b7f-4a55-9d0e-5f1d2b3c4a01',
    ],
    ['id', { id: 'evt_01HQ3K4Z' }, 'evt_01HQ3K4Z'],
    ['meta.event_id', { meta: { event_id: 778899 } }, '778899'],
  ])('uses the event id when the body carries one as %s', async (_, extra, eventId) => {
    const body = JSON.stringify({ ...JSON.parse(personioFixture('person-updated.json')), ...extra });
    const { response, messages } = await deliver(body);
    expect(JSON.parse(response.body).eventIds).toEqual([eventId]);
    expect(messages[0]?.body.eventId).toBe(eventId);
  });

  it('falls back to the body hash when the event id does not look like an id', async () => {
    const body = JSON.stringify({
      ...JSON.parse(personioFixture('person-updated.json')),
      id: 'has spaces in it',
    });
    const { messages } = await deliver(body);
    expect(messages[0]?.body.eventId).toBe(sha256(body));
  });

  it.each([
    ['no offset (read as UTC)', '2026-02-01T09:00:00.915', '2026-02-01T09:00:00.915Z'],
    ['microseconds', '2026-02-01T09:00:00.915906Z', '2026-02-01T09:00:00.915Z'],
    ['a +hhmm offset', '2026-02-01T10:00:00+0100', '2026-02-01T09:00:00.000Z'],
  ])('normalises an occurred_at with %s', async (_, occurred, expected) => {
    const body = JSON.stringify({
      ...JSON.parse(personioFixture('person-updated.json')),
      occurred_at: occurred,
    });
    const { messages } = await deliver(body);
    expect(messages[0]?.body.occurredAt).toBe(expected);
  });

  it('takes the time it was received when occurred_at is missing', async () => {
    const { occurred_at: _, ...rest } = JSON.parse(personioFixture('person-updated.json'));
    const { messages } = await deliver(JSON.stringify(rest));
    expect(messages[0]?.body.occurredAt).toBe(RECEIVED_AT);
  });

  it('takes company_id as a number too', async () => {
    const body = JSON.stringify({ ...JSON.parse(personioFixture('person-updated.json')), company_id: 81725 });
    const { response, messages } = await deliver(body);
    expect(response.statusCode).toBe(202);
    expect(messages[0]?.body.tenant).toBe('81725');
  });
});
