/**
 * A HiBob timestamp in epoch ms. HiBob writes them without an offset (`triggeredAt`
 * `2025-01-08T13:06:26.915906`, time fields `2023-05-19T11:13:40.175639`): they are UTC. One with an
 * offset is taken as it is; microseconds are cut to milliseconds. A bare date, or a date rendered for
 * people (`08/09/2019`), is not a time: undefined.
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
