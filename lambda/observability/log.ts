/**
 * The slice of a logger the services use: Powertools Logger in Lambda, a recording fake in tests.
 * Attributes hold ids, counts, codes and field names, never personal data or secrets.
 */
export interface Log {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}
