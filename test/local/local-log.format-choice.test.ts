import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lambda/config/load.js';
import { chooseLogFormat, localLog } from '../../lambda/local/log-format.js';
import { logger } from '../../lambda/observability/logger.js';

const TERMINAL = { isTTY: true };
const PIPE = { isTTY: false };

describe('npm start picks its log format', () => {
  it('is readable lines when stdout is a terminal', () => {
    expect(chooseLogFormat({}, TERMINAL)).toBe('pretty');
  });

  it('is JSON when stdout is a pipe or a file (isTTY false or absent)', () => {
    expect(chooseLogFormat({}, PIPE)).toBe('json');
    expect(chooseLogFormat({}, {})).toBe('json');
  });

  it('follows HR_SYNC_LOG_FORMAT either way', () => {
    expect(chooseLogFormat({ HR_SYNC_LOG_FORMAT: 'json' }, TERMINAL)).toBe('json');
    expect(chooseLogFormat({ HR_SYNC_LOG_FORMAT: 'pretty' }, PIPE)).toBe('pretty');
  });

  it('refuses any other HR_SYNC_LOG_FORMAT, saying which values it takes', () => {
    expect(() => chooseLogFormat({ HR_SYNC_LOG_FORMAT: 'text' }, TERMINAL)).toThrow(ConfigError);
    expect(() => chooseLogFormat({ HR_SYNC_LOG_FORMAT: 'JSON' }, TERMINAL)).toThrow(
      'environment: HR_SYNC_LOG_FORMAT must be json or pretty (unset: pretty on a terminal, json otherwise)',
    );
  });

  it('uses the Powertools logger for JSON, the same one the Lambda functions use', () => {
    const stream = { isTTY: false, write: () => true };
    expect(localLog({}, { stdout: stream, stderr: stream })).toBe(logger);
  });

  it('uses the terminal log for readable lines, writing to the streams it is given', () => {
    const written: string[] = [];
    const stream = { isTTY: true, write: (text: string) => written.push(text) };
    const log = localLog({ NO_COLOR: '1' }, { stdout: stream, stderr: stream });

    expect(log).not.toBe(logger);
    log.info('user updated', { userId: 1001 });
    expect(written).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d INFO {2}user updated userId=1001\n$/)]);
  });
});
