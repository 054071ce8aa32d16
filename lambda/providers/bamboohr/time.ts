// Longer than any form of a time BambooHR writes: nothing bigger is even matched.
const MAX_TIME_CHARS = 64;

/**
 * A BambooHR time in epoch ms, or undefined. The documented payload time is ISO-8601 with an offset
 * written without a colon (`2026-01-31T18:42:00+0000`); the form of `X-BambooHR-Timestamp` is not
 * documented (https://documentation.bamboohr.com/docs/webhooks, Security, says only "the timestamp
 * when the request was sent": unix seconds or ISO-8601), so both are read: unix seconds (a fraction
 * allowed), unix milliseconds (13 digits), and ISO-8601 with `Z`, `±hh:mm`, `±hhmm`, `±hh` or no offset
 * (UTC, which BambooHR's reference says its times are). A bare date is not a time.
 */
export function bambooMillis(value: string | number): number | undefined {
  if (typeof value === 'number') return unixMillis(String(value));
  const text = value.trim();
  if (text.length === 0 || text.length > MAX_TIME_CHARS) return undefined;
  return unixMillis(text) ?? isoMillis(text);
}

function unixMillis(text: string): number | undefined {
  if (/^\d{13}$/.test(text)) return Number(text);
  if (/^\d{9,11}(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  return undefined;
}

function isoMillis(text: string): number | undefined {
  const match =
    /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?\s?(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text);
  if (!match) return undefined;
  const [, date, time, fraction = '', zone = 'Z'] = match;
  const offset = /^(z|utc)$/i.test(zone)
    ? 'Z'
    : zone.length === 3
      ? `${zone}:00`
      : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  // Date.parse reads a time without an offset as local time: the offset is always made explicit.
  const ms = Date.parse(`${date}T${time}${fraction.slice(0, 4)}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `YYYY-MM-DD` of a BambooHR date field, or undefined when empty: the API writes no date as `0000-00-00`. */
export function bambooDate(value: string | undefined): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value?.trim() ?? '');
  if (!match || match[1] === '0000' || match[2] === '00' || match[3] === '00') return undefined;
  return `${match[1]}-${match[2]}-${match[3]}`;
}
