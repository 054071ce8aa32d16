import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../lambda/config/schema.js';
import { HIBOB_SECRET, hibobFixture, hibobHeaders } from '../support/fake-hibob.js';
import { loadReceiver, queuedMessages } from '../support/receiver.js';
import { apiGatewayEvent } from '../support/standard-webhook.js';

async function deliver(body: string, hibob: NonNullable<ConfigInput['providers']>['hibob'] = {}) {
  const config: ConfigInput = { providers: { hibob: { enabled: true, ...hibob } } };
  const receiver = await loadReceiver({ config, webhookSecrets: { hibob: HIBOB_SECRET } });
  const response = await receiver.handler(
    apiGatewayEvent({ provider: 'hibob', body, headers: hibobHeaders(body) }),
  );
  return { response, messages: queuedMessages(receiver.sqs) };
}

describe('a HiBob event this project has no use for', () => {
  it('is answered 200 with the reason when its type is not about the profile', async () => {
    const { response, messages } = await deliver(hibobFixture('employee-temporary-leave.json'));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      ignored: "event type employee.temporaryLeave is not about an employee's profile",
    });
    expect(messages).toEqual([]);
  });

  it('is answered 200 when it is a table entry of a table not configured', async () => {
    const { response, messages } = await deliver(hibobFixture('table-entry-custom.json'));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      ignored: 'table entry event for a table not listed in providers.hibob.tables',
    });
    expect(messages).toEqual([]);
  });

  it('does not repeat an event type that is not a plain dotted name', async () => {
    const event = JSON.parse(hibobFixture('employee-temporary-leave.json'));
    const { response } = await deliver(JSON.stringify({ ...event, type: 'x <script>alert(1)</script>' }));
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('script');
  });
});

describe('a HiBob table entry event', () => {
  it('becomes a thin update for a table named in providers.hibob.tables, in any case', async () => {
    const body = hibobFixture('table-entry-custom.json');
    const { response, messages } = await deliver(body, {
      tables: ['work', 'CATEGORY_1645536443536__TABLE_1688478542834'],
    });
    expect(response.statusCode).toBe(202);
    expect(messages[0]?.body).toMatchObject({ type: 'employee.updated', needsEnrichment: true });
  });

  it('becomes a thin update when it names no table, since it may be about title or department', async () => {
    const event = JSON.parse(hibobFixture('table-entry-work.json'));
    const { tableId: _, ...data } = event.data;
    const { response } = await deliver(JSON.stringify({ ...event, data }));
    expect(response.statusCode).toBe(202);
  });

  it('is dropped for the work table once work is no longer configured', async () => {
    const { response } = await deliver(hibobFixture('table-entry-work.json'), { tables: ['employment'] });
    expect(response.statusCode).toBe(200);
  });
});
