/**
 * Small readers of loosely typed values from HR systems' JSON (webhook bodies and API answers), shared by
 * every provider so that "blank is none" and "an id is visible ASCII" mean the same everywhere.
 */

/** A plain JSON object (not null, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string, trimmed; blank or anything else is none. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Like `text`, with numbers and booleans written out: HR systems send `"42"` and `42` alike. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return text(value);
}

/** The value inside a `{"value": ...}` wrapper (some HR systems wrap each field so), else the value. */
export const unwrapValue = (value: unknown): unknown =>
  isObject(value) && 'value' in value ? value.value : value;

/** `scalarText` of a plain or `{"value": ...}`-wrapped value. */
export const fieldText = (value: unknown): string | undefined => scalarText(unwrapValue(value));

/** An id as text: visible ASCII up to `max` characters, or a non-negative safe integer; else none. */
export function idText(value: unknown, max = 128): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= max && /^[\x21-\x7e]+$/.test(trimmed) ? trimmed : undefined;
}

/**
 * An ISO-8601 date and time in epoch ms. Without an offset it is UTC (some HR APIs write their times
 * so); microseconds are cut to milliseconds. Anything else, a bare date
 * included, is undefined: a bare date cannot order two writes on the same day.
 */
export function utcMillis(value: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    value.trim(),
  );
  if (!match?.[1]) return undefined;
  // Date.parse reads an ISO time without an offset as local time: the offset is always made explicit.
  const offset = (match[2] ?? 'Z').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${match[1].replace(/(\.\d{3})\d+/, '$1')}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}
