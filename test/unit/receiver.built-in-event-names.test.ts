import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../lambda/config/schema.js';
import { BAMBOOHR_KEY, bamboohrFixture, bamboohrHeaders } from '../support/fake-bamboohr.js';
import { HIBOB_SECRET, hibobFixture, hibobHeaders } from '../support/fake-hibob.js';
import { PERSONIO_TOKEN, personioFixture, personioHeaders } from '../support/fake-personio.js';
import { loadReceiver, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

// An event name is looked up in a table of known events: one named like a property every object
// inherits is an unknown event like any other, never a mapping read off Object.prototype.
const BUILT_INS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

async function deliver(
  provider: 'bamboohr' | 'hibob' | 'personio',
  body: string,
  headers: Record<string, string>,
  secret: string,
) {
  const config: ConfigInput = { providers: { [provider]: { enabled: true } } };
  const receiver = await loadReceiver({ config, webhookSecrets: { [provider]: secret } });
  const response = await receiver.handler(apiGatewayEvent({ provider, body, headers }));
  return { response, messages: queuedMessages(receiver.sqs) };
}

const withField = (fixture: string, field: string, value: string) =>
  JSON.stringify({ ...JSON.parse(fixture), [field]: value });

describe('a signed delivery whose event is named like a built-in property', () => {
  it.each(BUILT_INS)(
    'is an unknown BambooHR event type: %s is answered 200 and nothing is queued',
    async (name) => {
      const body = withField(bamboohrFixture('event-employee-updated.json'), 'type', name);
      const { response, messages } = await deliver('bamboohr', body, bamboohrHeaders(body), BAMBOOHR_KEY);
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body).ignored).toMatch(/is not about an employee$/);
      expect(messages).toEqual([]);
    },
  );

  it.each(BUILT_INS)(
    'is an unknown BambooHR field-based action: %s is answered 200 and nothing is queued',
    async (name) => {
      const json = JSON.parse(bamboohrFixture('fields-updated.json'));
      for (const employee of json.employees) employee.action = name;
      const body = JSON.stringify(json);
      const { response, messages } = await deliver('bamboohr', body, bamboohrHeaders(body), BAMBOOHR_KEY);
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body).ignored).toMatch(
        /^field-based delivery with no created, updated or deleted/,
      );
      expect(messages).toEqual([]);
    },
  );

  it.each(BUILT_INS)(
    'is an unknown HiBob event type: %s is answered 200 and nothing is queued',
    async (name) => {
      const body = withField(hibobFixture('employee-updated.json'), 'type', name);
      const { response, messages } = await deliver('hibob', body, hibobHeaders(body), HIBOB_SECRET);
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body).ignored).toMatch(/is not about an employee's profile$/);
      expect(messages).toEqual([]);
    },
  );

  it.each(BUILT_INS)(
    'is an unknown Personio event: %s is answered 200 and nothing is queued',
    async (name) => {
      const body = withField(personioFixture('person-updated.json'), 'event_name', name);
      const { response, messages } = await deliver('personio', body, personioHeaders(), PERSONIO_TOKEN);
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body).ignored).toMatch(/is not about a person's profile$/);
      expect(messages).toEqual([]);
    },
  );
});
