import { expect } from 'vitest';
import { buildWorker, type WorkerAdapters } from '../../lambda/app/build-worker.js';
import type { FakeUserInput } from './fake-heymarket.js';
import { DEFAULT_SECRET } from './fake-heymarket.js';
import { MemoryAppliedStore } from './memory-applied-store.js';
import { loadReceiver, queuedMessages } from './receiver.js';
import { apiGatewayEvent, signedHeaders } from './standard-webhook.js';
import { queueRecord } from './worker-deps.js';

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

/**
 * The worker as the Lambda handler builds it, against the fake Heymarket at `heymarketUrl`, with the
 * stored review the test gives; nothing in these suites is dead-lettered. Returns one SQS batch's run.
 */
export function workerOnFake(
  heymarketUrl: string,
  adapters: Pick<WorkerAdapters, 'config' | 'accessReview' | 'log'> & Partial<WorkerAdapters>,
) {
  const worker = buildWorker({
    heymarket: {
      baseUrl: heymarketUrl,
      credentials: async () => ({ apiSecretId: DEFAULT_SECRET.id, apiSecretKey: DEFAULT_SECRET.key }),
    },
    deadLetters: {
      send: async () => {
        throw new Error('nothing here is dead-lettered');
      },
    },
    applied: new MemoryAppliedStore(),
    now: Date.now,
    ...adapters,
  });
  return (bodies: string[]) =>
    worker.sync(
      bodies.map((body) => queueRecord(body)),
      { deadline: Date.now() + 60_000 },
    );
}
