import { afterEach, describe, expect, it } from 'vitest';
import { captureStdio } from '../support/emf-output.js';
import { PERSONIO_TOKEN, personioFixture, personioHeaders } from '../support/fake-personio.js';
import { loadReceiver, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const config = { providers: { personio: { enabled: true, companyId: '81725' } } };

/**
 * Personio's v2 API reads an employment only under its person (`GET /v2/persons/{person_id}/
 * employments/{id}`), so an employment event that names no person cannot be used. It is acknowledged
 * (a 4xx is never retried by Personio, and nothing better would come of a retry) but never silently:
 * counted as EventsUnusable{reason=employment-without-person}, which infra/alarms.ts alarms on, and
 * logged at warn with its code and no value from the body.
 */
describe('a Personio employment event that names no person', () => {
  let stdio: ReturnType<typeof captureStdio> | undefined;
  afterEach(() => stdio?.stop());

  async function deliver(body: string) {
    const receiver = await loadReceiver({
      config,
      webhookSecrets: { personio: PERSONIO_TOKEN },
      metrics: true,
      logLevel: 'INFO',
    });
    stdio = captureStdio();
    const response = await receiver.handler(
      apiGatewayEvent({ provider: 'personio', body, headers: personioHeaders() }),
    );
    stdio.stop();
    return { response, messages: queuedMessages(receiver.sqs), stdio };
  }

  it('is acknowledged, queues nothing, and is counted as an unusable event by its reason', async () => {
    const { response, messages, stdio } = await deliver(
      personioFixture('employment-updated-without-person.json'),
    );
    expect(response.statusCode).toBe(200);
    expect(messages).toEqual([]);
    const unusable = stdio.documents().filter((document) => 'EventsUnusable' in document);
    expect(unusable).toEqual([
      expect.objectContaining({
        EventsUnusable: 1,
        reason: 'employment-without-person',
        service: 'heymarket-hr-sync',
      }),
    ]);
    expect(stdio.documents().some((document) => 'DeliveriesIgnored' in document)).toBe(false);
  });

  it('is logged at warn with its code, and without the employment id or any other body value', async () => {
    const body = personioFixture('employment-updated-without-person.json');
    const { stdio } = await deliver(body);
    // Powertools writes warnings to stderr, the rest to stdout.
    const lines = `${stdio.text()}\n${stdio.errors()}`
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      })
      .filter((line) => line.message === 'delivery ignored');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'WARN',
        provider: 'personio',
        status: 200,
        code: 'employment-without-person',
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('"9002"');
  });

  it('is counted apart from an event this project has no use for, which is counted as ignored', async () => {
    const { response, stdio } = await deliver(personioFixture('document-created.json'));
    expect(response.statusCode).toBe(200);
    const documents = stdio.documents();
    expect(documents.filter((document) => 'DeliveriesIgnored' in document)).toEqual([
      expect.objectContaining({ DeliveriesIgnored: 1, reason: 'event-not-relevant' }),
    ]);
    expect(documents.some((document) => 'EventsUnusable' in document)).toBe(false);
  });

  it('is queued for the person when the payload names the person another way', async () => {
    const withPerson = JSON.stringify({
      ...JSON.parse(personioFixture('employment-updated-without-person.json')),
      payload: { id: '9002', person_id: 4711 },
    });
    const { response, messages } = await deliver(withPerson);
    expect(response.statusCode).toBe(202);
    expect(messages.map((message) => message.body.employee)).toEqual([{ id: '4711' }]);
  });
});
