/**
 * A Merge timestamp in epoch ms. Merge writes ISO-8601 with `Z` (`2026-02-01T09:00:00Z`, sometimes with
 * microseconds, `2026-02-01T09:00:00.123456Z`); a remote system's time may carry another offset or none,
 * and one without an offset is taken as UTC. Microseconds are cut to milliseconds. Anything else,
 * a bare date included, is undefined.
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

/** The calendar date (`YYYY-MM-DD`) a Merge date or date-time starts with, as written; else undefined. */
export function dateOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value.trim());
  return match?.[1];
}

/** Today in UTC as `YYYY-MM-DD`, the form `dateOf` compares with. */
export const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
