import * as z from 'zod/mini';
import { type ChangeType, EmployeeChange } from '../../core/employee-change.js';
import { invalidInput } from '../../core/errors.js';
import { lazySchema } from '../../core/lazy-schema.js';
import { ownValue } from '../../core/own-property.js';
import { utcMillis } from '../../core/values.js';
import { bodyHash, checkTenant, describeBodyIssues, parseJsonBody, safeEventName } from '../body.js';
import type { IgnoredCode, ParseInput, ParseResult } from '../provider.js';
import { announcedValues } from './field-updates.js';
import { isPing } from './ping.js';
import type { HiBobSettings } from './settings.js';

// EmployeeChange holds ids of at most 128 characters; a longer one is a bad body, said so here.
const Id = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1), z.maxLength(128)));

/**
 * The common envelope of every v2 event (apidocs.hibob.com, "Getting started with Webhooks" and the
 * per-event pages): `companyId` is a number, the ids are strings. A number is taken for `employeeId` as
 * well, and unknown keys are kept, so that a small change on HiBob's side is not a 400.
 */
const HiBobEvent = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    companyId: z.union([z.int(), Id]),
    type: z.string().check(z.minLength(1)),
    triggeredBy: z.optional(z.nullable(z.string())),
    triggeredAt: z.string().check(z.minLength(1)),
    version: z.optional(z.nullable(z.string())),
    data: z.looseObject({
      employeeId: z.union([Id, z.int()]),
      tableId: z.optional(z.nullable(z.string())),
      fieldUpdates: z.optional(z.nullable(z.array(z.unknown()))),
    }),
  }),
);
type HiBobEvent = z.infer<typeof HiBobEvent>;

/** What a HiBob event type becomes; thin events are enriched by the worker from the people API. */
interface Mapping {
  type: ChangeType;
  needsEnrichment: boolean;
  status?: 'inactive' | 'terminated';
}

const EVENTS: Record<string, Mapping> = {
  'employee.created': { type: 'employee.created', needsEnrichment: true },
  'employee.updated': { type: 'employee.updated', needsEnrichment: true },
  // Lifecycle events fire when the lifecycle entry becomes effective (midnight, site time zone).
  'employee.joined': { type: 'employee.updated', needsEnrichment: true },
  'employee.activated': { type: 'employee.updated', needsEnrichment: true },
  // A leaver still exists in HiBob, so it is fetched: the work email is what finds the Heymarket user.
  // `inactivated` is also sent for a leave of absence (HiBob's docs), so it is not a termination: the
  // fetched status says what it is.
  'employee.left': { type: 'employee.terminated', needsEnrichment: true, status: 'terminated' },
  'employee.inactivated': { type: 'employee.updated', needsEnrichment: true, status: 'inactive' },
  'employee.deleted': { type: 'employee.deleted', needsEnrichment: false },
};

/**
 * A HiBob webhooks v2 delivery: one event, thin (ids and changed field names only). The ping handshake
 * is acknowledged without being read as an event. HiBob sends no event id, so the event id is the
 * sha256 of the body: a retry carries the same bytes and so the same id.
 */
export function parseHiBob({ body, settings, receivedAt }: ParseInput<HiBobSettings>): ParseResult {
  if (isPing(body)) {
    return { kind: 'ignored', code: 'handshake', reason: 'HiBob ping (webhook setup handshake)' };
  }

  const json = parseJsonBody(body);
  // v1 bodies have another shape: say so rather than list what a v1 body lacks.
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'string' && version.toLowerCase() !== 'v2') {
    throw invalidInput('body-invalid', 'body: version is not v2; only HiBob webhooks v2 are supported');
  }
  const result = HiBobEvent.safeParse(json, { reportInput: false });
  if (!result.success) throw invalidInput('body-invalid', describeBodyIssues(result.error));
  const event = result.data;

  // The tenant is checked before anything else is decided, so another company's deliveries are all
  // 401s, the irrelevant ones included.
  const companyId = String(event.companyId);
  checkTenant(settings.companyId, companyId, { provider: 'hibob', field: 'companyId', setting: 'companyId' });

  const mapping = mappingFor(event, settings);
  if ('ignored' in mapping) return { kind: 'ignored', ...mapping.ignored };

  const occurredMs = utcMillis(event.triggeredAt);
  if (occurredMs === undefined) {
    throw invalidInput('body-invalid', 'body: triggeredAt is not an ISO-8601 date and time');
  }
  const change = EmployeeChange.safeParse(
    {
      v: 1,
      provider: 'hibob',
      tenant: companyId,
      eventId: bodyHash(body),
      type: mapping.type,
      occurredAt: new Date(occurredMs).toISOString(),
      receivedAt,
      employee: {
        id: String(event.data.employeeId),
        // What the event says it wrote, if it says: the worker checks the record it reads shows it.
        ...announcedValues(event.data.fieldUpdates),
        ...(mapping.status ? { status: mapping.status } : {}),
      },
      needsEnrichment: mapping.needsEnrichment,
    },
    { reportInput: false },
  );
  if (!change.success) throw invalidInput('body-invalid', describeBodyIssues(change.error));
  return { kind: 'changes', changes: [change.data] };
}

function mappingFor(
  event: HiBobEvent,
  settings: HiBobSettings,
): Mapping | { ignored: { code: IgnoredCode; reason: string } } {
  const known = ownValue(EVENTS, event.type);
  if (known) return known;
  if (event.type.startsWith('table.entry.')) {
    const tableId = event.data.tableId?.trim().toLowerCase();
    // Without a table id nothing tells the table apart: one read of the employee costs less than a
    // missed change of title or department.
    if (!tableId || settings.tables.some((table) => table.toLowerCase() === tableId)) {
      return { type: 'employee.updated', needsEnrichment: true };
    }
    return {
      ignored: {
        code: 'table-not-listed',
        reason: 'table entry event for a table not listed in providers.hibob.tables',
      },
    };
  }
  return {
    ignored: {
      code: 'event-not-relevant',
      reason: `event type ${safeEventName(event.type)} is not about an employee's profile`,
    },
  };
}
