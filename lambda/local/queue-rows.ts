import * as z from 'zod/mini';
import { formatPath } from '../config/load.js';
import type { EmployeeChange } from '../core/employee-change.js';
import { QueuedChange } from '../providers/index.js';

// The local queue's rows (sqlite-queue.ts): a change as it is stored, and a stored row read back
// and checked before anything reaches the worker, as SQS messages are by lambda/aws/queue.ts.

const Attributes = z.record(z.string(), z.string());

/** A `messages` row as lambda/local/database.ts creates the table. */
export const MessageRow = z.object({
  seq: z.int(),
  id: z.string(),
  body: z.string(),
  attributes: z.string(),
  receive_count: z.int(),
  first_received_at: z.nullable(z.int()),
});

/** As lambda/aws/queue.ts: the change as its producer made it, attributes `provider`, `eventId`, `type`. */
export function toMessage(change: EmployeeChange): { body: string; attributes: string } {
  const attributes = { provider: change.provider, eventId: change.eventId, type: change.type };
  return { body: JSON.stringify(change), attributes: JSON.stringify(attributes) };
}

/** Why a stored body is not an EmployeeChange (where, never the value), or undefined when it is one. */
export function checkBody(body: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'is not JSON';
  }
  const result = QueuedChange.safeParse(json, { reportInput: false });
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const where = issue ? `${formatPath(issue.path) || '(root)'} ${issue.message}` : 'invalid';
  return `is not a valid EmployeeChange v1 (${where})`;
}

/** A row's `attributes` column, or undefined when it is not a JSON object of strings. */
export function readAttributes(text: string): Record<string, string> | undefined {
  try {
    const result = Attributes.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
