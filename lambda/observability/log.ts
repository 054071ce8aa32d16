/**
 * The keys Powertools' logger writes on every line itself (PowertoolsLogFormatter in
 * @aws-lambda-powertools/logger). Passed as an attribute, `level`, `message`, `sampling_rate`,
 * `service` and `timestamp` are dropped with a warning; the others overwrite what Powertools wrote.
 * test/unit/log.powertools-keys.test.ts checks this list against the logger and every log call in lambda/.
 */
export const POWERTOOLS_KEYS = [
  'level',
  'message',
  'sampling_rate',
  'service',
  'timestamp',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'xray_trace_id',
  'tenant_id',
] as const;

/** A line's own attributes: any key but Powertools' own, which it would drop or overwrite. */
export type LogAttributes = Record<string, unknown> & {
  readonly [key in (typeof POWERTOOLS_KEYS)[number]]?: never;
};

/**
 * The slice of a logger the services use: Powertools Logger in Lambda, a recording fake in tests.
 * Attributes hold ids, counts, codes and field names, never personal data or secrets.
 */
export interface Log {
  info(message: string, attributes: LogAttributes): void;
  warn(message: string, attributes: LogAttributes): void;
  error(message: string, attributes: LogAttributes): void;
}
