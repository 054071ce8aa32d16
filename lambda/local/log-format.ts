import * as z from 'zod/mini';
import { ConfigError } from '../config/load.js';
import type { Log } from '../observability/log.js';
import { logger } from '../observability/logger.js';
import { createTerminalLog, type TerminalStream } from './terminal-log.js';

export type LogFormat = 'json' | 'pretty';

const LogFormatSetting = z.optional(
  z.enum(['json', 'pretty'], 'must be json or pretty (unset: pretty on a terminal, json otherwise)'),
);

/**
 * How `npm start` logs: one readable line per event for a person at a terminal, JSON (the same as on
 * Lambda) for anything reading a pipe or a file. `HR_SYNC_LOG_FORMAT` overrides either way.
 */
export function chooseLogFormat(
  env: Record<string, string | undefined>,
  stdout: { isTTY?: boolean },
): LogFormat {
  const parsed = LogFormatSetting.safeParse(env.HR_SYNC_LOG_FORMAT, { reportInput: false });
  if (!parsed.success) {
    throw new ConfigError(
      `environment: HR_SYNC_LOG_FORMAT ${parsed.error.issues[0]?.message ?? 'must be json or pretty'}`,
    );
  }
  return parsed.data ?? (stdout.isTTY === true ? 'pretty' : 'json');
}

/** The local host's `Log`: the Powertools logger for JSON, the terminal one otherwise. */
export function localLog(
  env: Record<string, string | undefined>,
  streams: { stdout: TerminalStream; stderr: TerminalStream },
): Log {
  return chooseLogFormat(env, streams.stdout) === 'pretty' ? createTerminalLog({ ...streams, env }) : logger;
}
