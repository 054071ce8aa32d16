import { EmployeeChange } from '../../core/employee-change.js';
import { invalidInput } from '../../core/errors.js';
import { describeBodyIssues, parseJsonBody } from '../body.js';
import type { ParseInput, ParseResult } from '../provider.js';
import { type StandardChange, StandardDelivery } from './standard-delivery.js';

// An event id is at most 256 characters (EmployeeChange); room is left for the `#<index>` suffix.
const MAX_WEBHOOK_ID = 240;

/**
 * A Standard Webhooks delivery carries one `StandardChange` or a list of them (the schema published as
 * `standard-delivery.schema.json`). Event ids: a change's own `id` when it has one; otherwise the
 * `webhook-id`, which a sender keeps across retries, suffixed `#<index>` for a list. So a retried
 * delivery yields the same event ids and the worker can drop the repeats.
 */
export function parseStandard({ body, header, receivedAt }: ParseInput): ParseResult {
  const webhookId = header('webhook-id');
  if (!webhookId) throw invalidInput('body-invalid', 'standard: missing header webhook-id');
  if (webhookId.length > MAX_WEBHOOK_ID) {
    throw invalidInput('body-invalid', `standard: header webhook-id is over ${MAX_WEBHOOK_ID} characters`);
  }
  const json = parseJsonBody(body);
  // One branch of the union at a time: a failed union reports only "Invalid input" at the root.
  const isList = Array.isArray(json);
  const schema = isList ? StandardDelivery.def.options[1] : StandardDelivery.def.options[0];
  const result = schema.safeParse(json, { reportInput: false });
  if (!result.success) throw invalidInput('body-invalid', describeBodyIssues(result.error));
  const items: StandardChange[] = isList
    ? (result.data as StandardChange[])
    : [result.data as StandardChange];

  const changes = items.map((item, index) => {
    const change = EmployeeChange.safeParse(
      {
        v: 1,
        provider: 'standard',
        eventId: item.id ?? (isList ? `${webhookId}#${index}` : webhookId),
        type: item.type,
        occurredAt: item.occurredAt,
        receivedAt,
        employee: item.employee,
        needsEnrichment: false,
      },
      { reportInput: false },
    );
    if (!change.success) {
      // Only the event id can still be wrong here: everything else was checked by the delivery schema.
      throw invalidInput('body-invalid', describeBodyIssues(change.error, isList ? [index] : []));
    }
    return change.data;
  });
  return { kind: 'changes', changes };
}
