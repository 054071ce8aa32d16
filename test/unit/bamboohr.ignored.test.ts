import { describe, expect, it } from 'vitest';
import { BAMBOOHR_KEY, bamboohrFixture, bamboohrHeaders } from '../support/fake-bamboohr.js';
import { loadReceiver, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

const config = { providers: { bamboohr: { enabled: true, companyId: '12345' } } };

async function deliver(body: string) {
  const receiver = await loadReceiver({ config, webhookSecrets: { bamboohr: BAMBOOHR_KEY } });
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'bamboohr', body, headers: bamboohrHeaders(body) }),
  );
  return { response, messages: queuedMessages(receiver.sqs) };
}

describe('a signed BambooHR delivery with nothing to sync', () => {
  it('is answered 200 with the reason for an event type that is not about an employee', async () => {
    // Invented type: BambooHR documents employee events only; anything else it may add is dropped.
    const body = JSON.stringify({
      type: 'timeOff.requested',
      timestamp: '2026-01-31T18:42:00+0000',
      data: { companyId: '12345', requestId: '88' },
    });
    const { response, messages } = await deliver(body);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      ignored: 'event type timeOff.requested is not about an employee',
    });
    expect(messages).toEqual([]);
  });

  it('is answered 200 for an event type it does not know even without data, when no company is set', async () => {
    const receiver = await loadReceiver({
      config: { providers: { bamboohr: { enabled: true } } },
      webhookSecrets: { bamboohr: BAMBOOHR_KEY },
    });
    const body = JSON.stringify({ type: 'webhook.test', timestamp: '2026-01-31T18:42:00+0000' });
    const response = await receiver.handler(
      apiGatewayEvent({ provider: 'bamboohr', body, headers: bamboohrHeaders(body) }),
    );
    expect(response.statusCode).toBe(200);
    expect(queuedMessages(receiver.sqs)).toEqual([]);
  });

  it('does not repeat an event type that is not a plain name', async () => {
    const body = JSON.stringify({ type: '<script>alert(1)</script>', data: { companyId: '12345' } });
    const { response } = await deliver(body);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('script');
  });

  it('is answered 200 for a field-based delivery with no employees', async () => {
    const { response, messages } = await deliver('{"employees":[]}');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ignored: 'field-based delivery with no employees' });
    expect(messages).toEqual([]);
  });

  it('is answered 200 when no employee has an action it knows', async () => {
    const json = JSON.parse(bamboohrFixture('fields-terminated.json'));
    json.employees[0].action = 'Archived';
    const { response, messages } = await deliver(JSON.stringify(json));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).ignored).toBe(
      'field-based delivery with no created, updated or deleted employee (action Archived)',
    );
    expect(messages).toEqual([]);
  });
});
