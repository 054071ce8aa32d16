import * as z from 'zod/mini';
import { Employee } from '../../core/employee-change.js';
import { lazySchema } from '../../core/lazy-schema.js';

/**
 * The employee fields whose new value a HiBob event may carry, by HiBob field id. Only free-text
 * fields: title and department are list items, which an event could name by id where the people API
 * answers a name, so comparing them would call every such record stale.
 */
const ANNOUNCED = new Map<string, 'firstName' | 'lastName' | 'workEmail'>([
  ['root.firstName', 'firstName'],
  ['root.surname', 'lastName'],
  ['root.email', 'workEmail'],
]);
export type Announced = Partial<Pick<Employee, 'firstName' | 'lastName' | 'workEmail'>>;

// HiBob documents `fieldUpdates` as "the list of changed field IDs" and shows no element; whether an
// element can carry the new value, and under which key, is not documented. `newValue` and `value` are
// read when present; an element without one only names a field, and says nothing to compare.
const FieldUpdate = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    fieldId: z.string(),
    newValue: z.optional(z.unknown()),
    value: z.optional(z.unknown()),
  }),
);

/**
 * The new values an event says it wrote (`data.fieldUpdates`), as Employee fields. A value that does
 * not fit the Employee schema is left out rather than refusing the delivery: it only narrows what the
 * worker can check.
 */
export function announcedValues(fieldUpdates: readonly unknown[] | null | undefined): Announced {
  const values: Announced = {};
  for (const element of fieldUpdates ?? []) {
    const update = FieldUpdate.safeParse(element);
    if (!update.success) continue;
    const key = ANNOUNCED.get(normalFieldId(update.data.fieldId));
    const raw = update.data.newValue ?? update.data.value;
    if (!key || typeof raw !== 'string' || raw.trim() === '') continue;
    const parsed = Employee.shape[key].safeParse(raw.trim(), { reportInput: false });
    if (parsed.success && parsed.data !== undefined) values[key] = parsed.data;
  }
  return values;
}

/**
 * Which announced values the fetched employee does not show yet, by field name; undefined when the
 * event announced none (nothing to judge freshness by). Emails compare without case, as mailboxes do.
 */
export function unseenValues(announced: Announced, fetched: Employee): string[] | undefined {
  const keys = (['firstName', 'lastName', 'workEmail'] as const).filter(
    (key) => announced[key] !== undefined,
  );
  if (keys.length === 0) return undefined;
  return keys.filter((key) => {
    const expected = announced[key] ?? '';
    const shown = fetched[key] ?? '';
    return key === 'workEmail' ? expected.toLowerCase() !== shown.toLowerCase() : expected !== shown;
  });
}

/** `root.firstName`, `/root/firstName` and a bare `firstName` (a root field) are one field id. */
function normalFieldId(fieldId: string): string {
  const dotted = fieldId.trim().replace(/^\//, '').replaceAll('/', '.');
  return dotted.includes('.') ? dotted : `root.${dotted}`;
}
