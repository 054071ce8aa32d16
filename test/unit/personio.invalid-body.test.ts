import { describe, expect, it } from 'vitest';
import { PERSONIO_TOKEN, personioFixture, personioHeaders } from '../support/fake-personio.js';
import { loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const config = { providers: { personio: { enabled: true } } };
const event = JSON.parse(personioFixture('person-updated.json'));

async function deliver(body: string) {
  const receiver = await loadReceiver({ config, webhookSecrets: { personio: PERSONIO_TOKEN } });
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'personio', body, headers: personioHeaders() }),
  );
  expect(queuedMessages(receiver.sqs)).toEqual([]);
  return response;
}

describe('an authenticated Personio delivery that is not a valid event', () => {
  it('is answered 400 when it is not JSON, without quoting the text', async () => {
    const response = await deliver('{"company_id": "81725", "event_name": person.updated}');
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toMatch(/^body: not valid JSON( \(at position \d+\))?$/);
    expect(response.body).not.toContain('person.updated');
  });

  it('is answered 400 naming every missing envelope field', async () => {
    const response = await deliver(JSON.stringify({ meta: {} }));
    expect(response.statusCode).toBe(400);
    const { detail } = problemOf(response);
    for (const field of ['company_id', 'event_name', 'payload']) expect(detail).toContain(`body: ${field} `);
  });

  it('is answered 400 naming payload when it is not an object', async () => {
    const response = await deliver(JSON.stringify({ ...event, payload: ['4471902'] }));
    expect(problemOf(response).detail).toContain('body: payload ');
  });

  it('is answered 400 when a person event names no person', async () => {
    for (const payload of [{}, { id: '' }, { id: 'has spaces' }, { id: '9'.repeat(129) }, { id: null }]) {
      const response = await deliver(JSON.stringify({ ...event, payload }));
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).detail).toBe('body: payload.id is missing or not a person id');
    }
  });

  it('is answered 400 when occurred_at is not a date and time, without quoting it', async () => {
    const response = await deliver(JSON.stringify({ ...event, occurred_at: '01/02/2026 09:00' }));
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toBe('body: occurred_at is not an ISO-8601 date and time');
    expect(response.body).not.toContain('01/02/2026');
  });

  it('is answered 400 when company_id is empty or event_name is not text', async () => {
    expect(problemOf(await deliver(JSON.stringify({ ...event, company_id: '' }))).detail).toContain(
      'body: company_id ',
    );
    expect(problemOf(await deliver(JSON.stringify({ ...event, event_name: 7 }))).detail).toContain(
      'body: event_name ',
    );
  });

  it('is answered 400 when the body is a JSON list or a bare value', async () => {
    expect((await deliver('[]')).statusCode).toBe(400);
    expect((await deliver('42')).statusCode).toBe(400);
  });
});
