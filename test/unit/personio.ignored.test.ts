import { describe, expect, it } from 'vitest';
import { PERSONIO_TOKEN, personioFixture, personioHeaders } from '../support/fake-personio.js';
import { loadReceiver, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const config = { providers: { personio: { enabled: true, companyId: '81725' } } };

async function deliver(body: string) {
  const receiver = await loadReceiver({ config, webhookSecrets: { personio: PERSONIO_TOKEN } });
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'personio', body, headers: personioHeaders() }),
  );
  return { response, messages: queuedMessages(receiver.sqs) };
}

describe('a valid Personio delivery this project has no use for', () => {
  it('is acknowledged 200 with the reason, and nothing is queued', async () => {
    const { response, messages } = await deliver(personioFixture('document-created.json'));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      ignored: "event document.created is not about a person's profile",
    });
    expect(messages).toEqual([]);
  });

  it('does not repeat an event name that is not a plain dotted name', async () => {
    const body = JSON.stringify({
      ...JSON.parse(personioFixture('document-created.json')),
      event_name: 'margaret.hamilton@example.test <script>',
    });
    const { response } = await deliver(body);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('example.test');
    expect(JSON.parse(response.body).ignored).toContain('(unrecognised)');
  });

  it('acknowledges an employment event without a person reference: an employment id is not a person id', async () => {
    const { response, messages } = await deliver(personioFixture('employment-updated-without-person.json'));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).ignored).toBe(
      'employment.updated without a person id in payload (person.id, person_id): nothing to read',
    );
    expect(messages).toEqual([]);
  });
});
