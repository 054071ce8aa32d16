import { expect } from 'vitest';
import type { FakeUserInput } from './fake-heymarket.js';
import { loadReceiver, queuedMessages } from './receiver.js';
import { apiGatewayEvent, signedHeaders } from './standard-webhook.js';

/** A Standard Webhooks `employee.terminated` for `user`'s employee, a minute old, as a sender sends it. */
export const terminationOf = (user: FakeUserInput, employeeId: string) => (eventId: string) =>
  JSON.stringify({
    id: eventId,
    type: 'employee.terminated',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    employee: {
      id: employeeId,
      workEmail: user.email,
      firstName: user.first_name,
      lastName: user.last_name,
      status: 'terminated',
    },
  });

/**
 * The webhook, signed, through the real receiver: the queue message bodies it sent to SQS. The
 * receiver's SDK mocks end here, so what runs next (worker, notifier) talks to the fake AWS.
 */
export async function receiveWebhook(body: string): Promise<string[]> {
  const receiver = await loadReceiver();
  const response = await receiver.handler(apiGatewayEvent({ body, headers: signedHeaders(body) }));
  expect(response.statusCode).toBe(202);
  const bodies = queuedMessages(receiver.sqs).map((message) => JSON.stringify(message.body));
  for (const mock of [receiver.sqs, receiver.secrets, receiver.dynamodb]) mock.restore();
  return bodies;
}
