import * as z from 'zod/mini';
import { type ChangeType, EmployeeChange } from '../../core/employee-change.js';
import { invalidInput } from '../../core/errors.js';
import { lazySchema } from '../../core/lazy-schema.js';
import { ownValue } from '../../core/own-property.js';
import { idText, isObject } from '../../core/values.js';
import { bodyHash, checkTenant, describeBodyIssues, parseJsonBody, safeEventName } from '../body.js';
import type { ParseInput, ParseResult } from '../provider.js';
import type { PersonioSettings } from './settings.js';

// EmployeeChange holds employee ids of at most 128 characters and event ids of at most 256.
const MAX_ID = 128;
const MAX_EVENT_ID = 200;

/**
 * The envelope every Personio webhook conforms to (developer.personio.de/v2.0/reference/webhooks,
 * "Event Payload Structure"): `company_id` (a string), `event_name`, `occurred_at` (date-time),
 * `payload` (an object that varies per event) and an optional `meta` map. A number is taken for
 * `company_id` too, `occurred_at` may be missing, and unknown keys are kept, so that a small change on
 * Personio's side is not a 400: Personio never retries a 4xx, so a 400 loses the event for good.
 */
const PersonioEvent = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    company_id: z.union([z.string().check(z.minLength(1), z.maxLength(MAX_ID)), z.int()]),
    event_name: z.string().check(z.minLength(1)),
    occurred_at: z.optional(z.nullable(z.string())),
    payload: z.record(z.string(), z.unknown()),
    meta: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  }),
);
type PersonioEvent = z.infer<typeof PersonioEvent>;

/** What an event becomes; `subject` says where the Personio person id is found. */
interface Mapping {
  type: ChangeType;
  subject: 'person' | 'employment';
  needsEnrichment: boolean;
}

/**
 * Personio's events are "dataless notifications": ids only, so every change but a deletion is thin and
 * the worker reads the person (names, email, status), the employment (title, department) from the API.
 * A person deleted from Personio cannot be read any more: it goes out by id (identity overrides map it).
 * `employment.deleted` is sent when one employment ends or when its person is deleted: the person is
 * read again, and a 404 then says the person is gone.
 * `employment.started` and `employment.terminated` fire on the effective date of a start or a
 * termination (Personio changelog, "Effective Date Notification Webhooks"): the status then changes
 * without any other event, so they are read too.
 */
const EVENTS: Record<string, Mapping> = {
  'person.created': { type: 'employee.created', subject: 'person', needsEnrichment: true },
  'person.updated': { type: 'employee.updated', subject: 'person', needsEnrichment: true },
  'person.deleted': { type: 'employee.deleted', subject: 'person', needsEnrichment: false },
  'employment.created': { type: 'employee.updated', subject: 'employment', needsEnrichment: true },
  'employment.updated': { type: 'employee.updated', subject: 'employment', needsEnrichment: true },
  'employment.deleted': { type: 'employee.updated', subject: 'employment', needsEnrichment: true },
  'employment.started': { type: 'employee.updated', subject: 'employment', needsEnrichment: true },
  'employment.terminated': { type: 'employee.terminated', subject: 'employment', needsEnrichment: true },
};

/**
 * One Personio webhook delivery: one event about one person or employment. Pure and quick (Personio
 * wants its 2xx within 3 s): the body is read, never anything else. The event id is the event's own id
 * where the body has one (see `eventIdOf`), else the sha256 of the body, which a retry repeats.
 */
export function parsePersonio({ body, settings, receivedAt }: ParseInput<PersonioSettings>): ParseResult {
  const result = PersonioEvent.safeParse(parseJsonBody(body), { reportInput: false });
  if (!result.success) throw invalidInput('body-invalid', describeBodyIssues(result.error));
  const event = result.data;

  // The tenant is checked before anything else is decided, so another company's deliveries are all
  // 401s, the irrelevant ones included.
  const companyId = String(event.company_id);
  checkTenant(settings.companyId, companyId, {
    provider: 'personio',
    field: 'company_id',
    setting: 'companyId',
  });

  const mapping = ownValue(EVENTS, event.event_name);
  if (!mapping) {
    return {
      kind: 'ignored',
      code: 'event-not-relevant',
      reason: `event ${safeEventName(event.event_name)} is not about a person's profile`,
    };
  }

  const personId = mapping.subject === 'person' ? personOfPersonEvent(event) : personOfEmployment(event);
  if (personId === undefined && mapping.subject === 'employment') {
    // An employment id is not a person id (the two are numbered apart and may coincide), and Personio's
    // v2 API reads an employment only under its person (`GET /v2/persons/{person_id}/employments/{id}`;
    // `GET /v2/persons` filters by person id, email and names, not by employment): queueing it would
    // update the wrong person or nobody. It is counted as unusable (alarmed); the daily reconcile,
    // which reads every person with their employments, catches up with it.
    return {
      kind: 'ignored',
      code: 'employment-without-person',
      reason: `${event.event_name} without a person id in payload (person.id, person_id): nothing to read`,
    };
  }
  if (personId === undefined) {
    throw invalidInput('body-invalid', 'body: payload.id is missing or not a person id');
  }

  const change = EmployeeChange.safeParse(
    {
      v: 1,
      provider: 'personio',
      tenant: companyId,
      eventId: eventIdOf(event) ?? bodyHash(body),
      type: mapping.type,
      occurredAt: occurredAt(event.occurred_at, receivedAt),
      receivedAt,
      employee: { id: personId },
      needsEnrichment: mapping.needsEnrichment,
    },
    { reportInput: false },
  );
  if (!change.success) throw invalidInput('body-invalid', describeBodyIssues(change.error));
  return { kind: 'changes', changes: [change.data] };
}

/**
 * A person event names the person by `payload.id`; an explicit person reference (`person.id`,
 * `person_id`) wins, in case `id` turns out to be the event's own id. The catalog's example payloads
 * are not confirmed, so each form is read.
 */
function personOfPersonEvent(event: PersonioEvent): string | undefined {
  return personOfEmployment(event) ?? idText(event.payload.id);
}

/**
 * An employment event names its person by a reference (`person: {id}` as in the v2 Employment
 * resource, or `person_id`), or by the `_meta.links.person.href` link the v2 resources carry.
 */
function personOfEmployment(event: PersonioEvent): string | undefined {
  const { payload } = event;
  const person = isObject(payload.person) ? idText(payload.person.id) : undefined;
  return person ?? idText(payload.person_id) ?? personOfLink(payload._meta);
}

function personOfLink(meta: unknown): string | undefined {
  const links = isObject(meta) && isObject(meta.links) ? meta.links : undefined;
  const href = links && isObject(links.person) ? links.person.href : undefined;
  if (typeof href !== 'string') return undefined;
  const match = /\/v2\/persons\/([^/?#]+)\/?(?:[?#].*)?$/.exec(href);
  return match?.[1] ? idText(decodeURIComponent(match[1])) : undefined;
}

/**
 * The documented envelope has no event id. Should Personio send one (`event_id` or `id` beside
 * `event_name`, or `meta.event_id`), it is used, so a retry is recognised even if its bytes differ;
 * a value that does not look like an id is passed over for the body hash rather than refused.
 */
function eventIdOf(event: PersonioEvent): string | undefined {
  const candidates = [event.event_id, event.id, event.meta?.event_id];
  for (const candidate of candidates) {
    const text = idText(candidate, MAX_EVENT_ID);
    if (text !== undefined) return text;
  }
  return undefined;
}

/**
 * `occurred_at` is documented as a JSON-schema date-time: ISO-8601 with an offset. One without an
 * offset is read as UTC rather than as the receiver's local time; more than millisecond precision is
 * cut. Missing, the change takes the time it was received.
 */
function occurredAt(value: string | null | undefined, receivedAt: string): string {
  if (value === undefined || value === null) return receivedAt;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    value.trim(),
  );
  const [, date, time, fraction = '', offset = 'Z'] = match ?? [];
  const ms = match
    ? Date.parse(
        `${date}T${time}${fraction.slice(0, 4)}${offset.toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`,
      )
    : Number.NaN;
  if (Number.isNaN(ms))
    throw invalidInput('body-invalid', 'body: occurred_at is not an ISO-8601 date and time');
  return new Date(ms).toISOString();
}
