import type { ApiClientOptions } from '../../lambda/net/client-options.js';
import type { Log } from '../../lambda/observability/log.js';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  attributes: Record<string, unknown>;
}

/**
 * What a client under test gets instead of a real logger and clock: every log line and every wait is
 * recorded (nothing really sleeps) and `random` is fixed, so retries are deterministic.
 */
export function recordingDeps() {
  const logs: LogLine[] = [];
  const sleeps: number[] = [];
  const line =
    (level: LogLine['level']) =>
    (message: string, attributes: Record<string, unknown> = {}) =>
      logs.push({ level, message, attributes });
  const log: Log = { info: line('info'), warn: line('warn'), error: line('error') };
  return {
    logs,
    sleeps,
    deps: {
      log,
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    },
  };
}

/** What a test may change of a client built on a fake: any option, and settings merged into the defaults. */
export type ClientOverrides<S, C> = Partial<Omit<ApiClientOptions<S, C>, 'settings'>> & {
  settings?: Record<string, unknown>;
};

/**
 * A builder of a real HR API client pointed at a fake: recorded logs, no real sleeping (each wait is
 * recorded), a fixed `random`; `settings` are merged into the defaults of the provider's settings schema.
 */
export function clientOnFake<S, C, T>(
  create: (options: ApiClientOptions<S, C>) => T,
  schema: { parse(input: unknown): S },
  credentials: C,
) {
  return (fake: { url: string }, overrides: ClientOverrides<S, C> = {}) => {
    const { logs, sleeps, deps } = recordingDeps();
    const { settings, ...rest } = overrides;
    const client = create({
      settings: schema.parse({ enabled: true, apiBaseUrl: fake.url, ...settings }),
      credentials,
      ...deps,
      ...rest,
    });
    return { client, logs, sleeps };
  };
}
