/** The calendar date (`YYYY-MM-DD`) a Merge date or date-time starts with, as written; else undefined. */
export function dateOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value.trim());
  return match?.[1];
}

/** Today in UTC as `YYYY-MM-DD`, the form `dateOf` compares with. */
export const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
