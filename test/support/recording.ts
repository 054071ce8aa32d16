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
