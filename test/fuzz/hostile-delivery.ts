import { expect } from 'vitest';
import type { EmployeeChange } from '../../lambda/core/employee-change.js';
import { type loadReceiver, problemOf, queuedMessages } from '../support/receiver.js';
import {
  FOCUSED_RUNS,
  gatewayEvent,
  type HeaderLayout,
  honestBody,
  type ProviderName,
} from './deliveries.js';
import type { ChangeKind, HrEmployee } from './provider-bodies.js';

/** What the hostile-delivery properties (receiver-hostile.ts, receiver-event-times.ts) share. */

export type Receiver = Awaited<ReturnType<typeof loadReceiver>>;

export const TIMEOUT_MS = 120_000;
// Each property aims at one rule with values drawn from small hostile sets: an eighth of the focused
// runs reaches every case (each property's tally checks it; a rule broken on purpose fails within the
// first few dozen runs) and keeps CI time modest.
export const HOSTILE_RUNS = Math.max(50, Math.floor(FOCUSED_RUNS / 8));

/** The employee every hostile delivery is about, honest in all but what the property changes. */
export const GRACE: HrEmployee = {
  id: 'E-fuzz',
  workEmail: 'grace.hopper@example.test',
  firstName: 'Grace',
  lastName: 'Hopper',
  jobTitle: 'Rear Admiral',
  department: 'Engineering',
  status: 'active',
};
export const KINDS: ChangeKind[] = ['created', 'updated', 'terminated', 'deleted'];

/**
 * One delivery judged on its own (the delivery memory is emptied first, so a body repeated by the
 * generator is not answered duplicate), held to the answer contract: never a 5xx; problem+json and
 * nothing queued for any non-2xx; a 202 for exactly what was queued, a 200 for nothing.
 */
export async function deliverAlone(
  receiver: Receiver,
  provider: ProviderName,
  request: {
    text: string;
    headers: Record<string, string>;
    layout?: HeaderLayout;
    duplicates?: Record<string, string[]>;
  },
) {
  receiver.items.clear();
  receiver.sqs.resetHistory();
  const event = gatewayEvent({
    provider,
    body: honestBody(request.text, false, 'application/json'),
    headers: request.headers,
    layout: request.layout ?? 'mirror',
    duplicates: request.duplicates ?? {},
  });
  const response = await receiver.handler(event);
  const queued = queuedMessages(receiver.sqs).map((message) => message.body as EmployeeChange);
  expect(response.statusCode).toBeLessThan(500);
  if (response.statusCode >= 300) {
    problemOf(response);
    expect(queued).toEqual([]);
  } else if (response.statusCode === 202) {
    const answer = JSON.parse(response.body) as { accepted: number; eventIds: string[] };
    expect(queued.map((change) => change.eventId)).toEqual(answer.eventIds);
    expect(queued).toHaveLength(answer.accepted);
  } else {
    expect(queued).toEqual([]);
  }
  return { response, queued, event };
}
