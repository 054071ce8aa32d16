import * as z from 'zod/mini';
import { type ChangeType, type Employee, EmployeeChange } from '../../core/employee-change.js';
import { invalidInput } from '../../core/errors.js';
import { lazySchema } from '../../core/lazy-schema.js';
import { utcMillis } from '../../core/values.js';
import { bodyHash, checkTenant, describeBodyIssues, parseJsonBody, safeEventName } from '../body.js';
import type { ParseInput, ParseResult } from '../provider.js';
import { hasUnexpandedRelations, readMergeEmployee } from './employee.js';
import type { MergeSettings } from './settings.js';
import { utcDate } from './time.js';

// EmployeeChange holds ids of at most 128 characters; a longer one is a bad body, said so here.
const Id = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1), z.maxLength(128)));
const maybe = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));
const MaybeText = /* @__PURE__ */ lazySchema(() => maybe(z.string()));

/**
 * The envelope of every Merge webhook (docs.merge.dev, "Merge webhooks sent to you", Payload
 * properties): `hook` (the webhook: its `id`, the `event`, the `target` URL), `linked_account` (whose data
 * it is) and `data` (the common model, or a sync status). Unknown keys are kept so that a field Merge adds
 * is not a 400.
 */
const MergeDelivery = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    hook: z.looseObject({ id: MaybeText, event: z.string().check(z.minLength(1)), target: MaybeText }),
    linked_account: z.looseObject({
      id: Id,
      integration: MaybeText,
      end_user_origin_id: MaybeText,
    }),
    data: z.optional(z.unknown()),
  }),
);

const Related = /* @__PURE__ */ lazySchema(() => z.union([z.string(), z.looseObject({})]));

/**
 * The fields of a Merge HRIS Employee this project reads, typed as documented; the rest is left alone.
 * `employments`, `team` and `groups` come as ids or, expanded, as objects: both are taken.
 */
const MergeEmployeeData = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: Id,
    first_name: MaybeText,
    last_name: MaybeText,
    preferred_name: MaybeText,
    work_email: MaybeText,
    employments: maybe(z.array(Related)),
    team: maybe(Related),
    groups: maybe(z.array(Related)),
    employment_status: MaybeText,
    termination_date: MaybeText,
    start_date: MaybeText,
    hire_date: MaybeText,
    remote_was_deleted: maybe(z.boolean()),
    modified_at: MaybeText,
    remote_updated_at: MaybeText,
  }),
);

type Action = 'added' | 'changed' | 'removed';

/**
 * Merge names changed-data events `<CommonModel>.<added|changed|removed>` (`Employee.changed`); its help
 * centre also writes them lowercase and as `employee.created`/`updated`/`deleted`. All are taken,
 * whatever the case.
 */
const ACTIONS: Record<string, Action> = {
  added: 'added',
  created: 'added',
  changed: 'changed',
  updated: 'changed',
  removed: 'removed',
  deleted: 'removed',
};

// Without these the worker can neither find the Heymarket user nor name them: the employee is read.
const PERSON_FIELDS = ['work_email', 'first_name', 'last_name'] as const;

/**
 * A Merge webhook delivery: one event. `Employee.*` events are fat, the whole Employee in `data`, so the
 * change carries it; it is read from the API only when the delivery lacks the person's fields or, with
 * `enrichUnexpanded`, names employments or team by id only. Every other event (other common models, sync
 * and issue notifications) is acknowledged and dropped. `hook.id` names the webhook, not the event, so
 * the event id is the sha256 of the body: a retry carries the same bytes and so the same id.
 */
export function parseMerge({ body, settings, receivedAt }: ParseInput<MergeSettings>): ParseResult {
  const json = parseJsonBody(body);
  const result = MergeDelivery.safeParse(json, { reportInput: false });
  if (!result.success) throw invalidInput('body-invalid', describeBodyIssues(result.error));
  const delivery = result.data;

  // The tenant is checked before anything else is decided, so another account's deliveries are all
  // 401s, the irrelevant ones included.
  const linkedAccountId = delivery.linked_account.id;
  checkTenant(settings.linkedAccountId, linkedAccountId, {
    provider: 'merge',
    field: 'linked_account.id',
    setting: 'linkedAccountId',
  });

  const event = delivery.hook.event.trim();
  const [model, verb, ...rest] = event.toLowerCase().split('.');
  const action = verb !== undefined && Object.hasOwn(ACTIONS, verb) ? ACTIONS[verb] : undefined;
  if (model !== 'employee' || !action || rest.length > 0) {
    return {
      kind: 'ignored',
      code: 'event-not-relevant',
      reason: `event ${safeEventName(event)} is not an Employee added, changed or removed`,
    };
  }

  const parsed = MergeEmployeeData.safeParse(delivery.data, { reportInput: false });
  if (!parsed.success) throw invalidInput('body-invalid', describeBodyIssues(parsed.error, ['data']));
  const data = parsed.data as Record<string, unknown> & { id: string };

  const { employee } = readMergeEmployee(data, data.id, utcDate(Date.parse(receivedAt)));
  const terminated = action === 'removed' || employee.status === 'terminated';
  const lacksPerson = PERSON_FIELDS.some((field) => !(field in data));
  const needsEnrichment =
    action !== 'removed' &&
    (lacksPerson || (settings.enrichUnexpanded && !terminated && hasUnexpandedRelations(data)));
  const carried: Employee = needsEnrichment
    ? { id: data.id, ...(terminated ? { status: 'terminated' as const } : {}) }
    : { ...employee, ...(terminated ? { status: 'terminated' as const } : {}) };

  const change = EmployeeChange.safeParse(
    {
      v: 1,
      provider: 'merge',
      tenant: linkedAccountId,
      eventId: bodyHash(body),
      type: changeType(action, terminated),
      occurredAt: occurredAt(data, receivedAt),
      receivedAt,
      employee: carried,
      needsEnrichment,
    },
    { reportInput: false },
  );
  if (!change.success) throw invalidInput('body-invalid', describeBodyIssues(change.error));
  return { kind: 'changes', changes: [change.data] };
}

function changeType(action: Action, terminated: boolean): ChangeType {
  if (action === 'removed') return 'employee.deleted';
  if (terminated) return 'employee.terminated';
  return action === 'added' ? 'employee.created' : 'employee.updated';
}

/**
 * When the record last changed: Merge's `modified_at`, else the remote system's `remote_updated_at`.
 * Merge's envelope carries no event time, and its signature none either, so the record's own time is
 * the honest one: it is the same in a retry or a replay of the same bytes, which then loses to any
 * newer change the worker applied, where the arrival time would make every replay look newest.
 * `modified_at` is when Merge last wrote the object (not when HR did), but it only grows for one
 * record, which is all the ordering needs. A missing or unreadable time falls back to the arrival time
 * rather than refusing the delivery: Merge never retries a 4xx, and the change is worth more than its
 * timestamp; a replay of such a body is stopped by the receiver's delivery memory instead.
 */
function occurredAt(data: Record<string, unknown>, receivedAt: string): string {
  for (const field of ['modified_at', 'remote_updated_at']) {
    const value = data[field];
    const ms = typeof value === 'string' ? utcMillis(value) : undefined;
    if (ms !== undefined) return new Date(ms).toISOString();
  }
  return receivedAt;
}
