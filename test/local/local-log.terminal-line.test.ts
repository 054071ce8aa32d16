import { describe, expect, it } from 'vitest';
import { createTerminalLog, formatLogLine } from '../../lambda/local/terminal-log.js';

// Local time, as the line shows it: 08:05:09 wherever the test runs.
const AT = new Date(2026, 11, 6, 8, 5, 9);
const PLAIN = { colour: false, stack: false };
const ESC = '\u001b';

describe('a log line for a person at a terminal', () => {
  it('reads HH:MM:SS, the level padded to five, the message, then key=value in the order given', () => {
    expect(
      formatLogLine(
        'info',
        'delivery accepted',
        { provider: 'standard', status: 202, accepted: 3 },
        AT,
        PLAIN,
      ),
    ).toBe('08:05:09 INFO  delivery accepted provider=standard status=202 accepted=3');
    expect(formatLogLine('warn', 'heymarket retry', { attempt: 2 }, AT, PLAIN)).toBe(
      '08:05:09 WARN  heymarket retry attempt=2',
    );
    expect(formatLogLine('error', 'batch failed', {}, AT, PLAIN)).toBe('08:05:09 ERROR batch failed');
  });

  it('JSON-encodes a string only when it has a space, a quote or a control character, or is empty', () => {
    const line = formatLogLine(
      'info',
      'reconcile skipped',
      {
        trigger: 'schedule',
        reason: 'a run is in progress',
        quoted: 'say "hi"',
        apostrophe: "it's",
        newline: 'two\nlines',
        empty: '',
        id: 'msg_demo#0',
      },
      AT,
      PLAIN,
    );
    expect(line).toBe(
      '08:05:09 INFO  reconcile skipped trigger=schedule reason="a run is in progress" quoted="say \\"hi\\"" apostrophe="it\'s" newline="two\\nlines" empty="" id=msg_demo#0',
    );
    expect(line).not.toContain('\n');
  });

  it('writes booleans, null and numbers bare, nested objects and arrays as compact JSON, and leaves out undefined', () => {
    expect(
      formatLogLine(
        'info',
        'batch synced',
        {
          dryRun: false,
          requestId: null,
          skipped: {},
          deadLettered: { 'unknown-email': 1 },
          fields: ['first_name', 'role_id'],
          missing: undefined,
        },
        AT,
        PLAIN,
      ),
    ).toBe(
      '08:05:09 INFO  batch synced dryRun=false requestId=null skipped={} deadLettered={"unknown-email":1} fields=["first_name","role_id"]',
    );
  });

  it('writes an error as its name and message, never its stack', () => {
    const error = new TypeError('fetch failed');
    const line = formatLogLine('error', 'request failed', { error, nested: { cause: error } }, AT, PLAIN);
    expect(line).toBe(
      '08:05:09 ERROR request failed error="TypeError: fetch failed" nested={"cause":"TypeError: fetch failed"}',
    );
    expect(line).not.toContain('at ');
  });

  it('adds the stack on indented lines after the line when asked to (HR_SYNC_DEBUG)', () => {
    const error = new RangeError('too far');
    const lines = formatLogLine('error', 'batch failed', { error }, AT, { colour: false, stack: true }).split(
      '\n',
    );
    expect(lines[0]).toBe('08:05:09 ERROR batch failed error="RangeError: too far"');
    expect(lines[1]).toBe('    RangeError: too far');
    expect(lines.slice(2).length).toBeGreaterThan(0);
    for (const line of lines.slice(2)) expect(line).toMatch(/^ {4}\s*at /);
  });

  it('colours the level when asked, and otherwise writes no escape code at all', () => {
    const coloured = formatLogLine('warn', 'delivery rejected', { status: 401 }, AT, {
      colour: true,
      stack: false,
    });
    expect(coloured).toContain(`${ESC}[33mWARN `);
    const withoutColour = coloured
      .split(ESC)
      .map((part) => part.replace(/^\[\d+m/, ''))
      .join('');
    expect(withoutColour).toBe('08:05:09 WARN  delivery rejected status=401');
    expect(formatLogLine('warn', 'delivery rejected', { status: 401 }, AT, PLAIN)).not.toContain(ESC);
  });
});

describe('the terminal log', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { isTTY, written, write: (text: string) => written.push(text) };
  };

  it('writes info to stdout and warn and error to stderr, one line each, as the JSON logger does', () => {
    const stdout = stream(false);
    const stderr = stream(false);
    const log = createTerminalLog({ stdout, stderr, env: {}, now: () => AT });

    log.info('user updated', { userId: 1001 });
    log.warn('delivery rejected', { status: 401 });
    log.error('batch failed', { messages: 2 });

    expect(stdout.written).toEqual(['08:05:09 INFO  user updated userId=1001\n']);
    expect(stderr.written).toEqual([
      '08:05:09 WARN  delivery rejected status=401\n',
      '08:05:09 ERROR batch failed messages=2\n',
    ]);
  });

  it('colours only a stream that is a terminal', () => {
    const stdout = stream(true);
    const stderr = stream(false);
    const log = createTerminalLog({ stdout, stderr, env: {}, now: () => AT });

    log.info('user updated', { userId: 1001 });
    log.error('batch failed', { messages: 2 });

    expect(stdout.written.join('')).toContain(ESC);
    expect(stderr.written.join('')).not.toContain(ESC);
  });

  it('never colours when NO_COLOR is set, even on a terminal (https://no-color.org/)', () => {
    const stdout = stream(true);
    const stderr = stream(true);
    const log = createTerminalLog({ stdout, stderr, env: { NO_COLOR: '1' }, now: () => AT });

    log.info('user updated', { userId: 1001 });
    log.warn('delivery rejected', { status: 401 });

    expect([...stdout.written, ...stderr.written].join('')).not.toContain(ESC);
  });

  it('shows an error stack only with HR_SYNC_DEBUG set', () => {
    const quiet = stream(false);
    createTerminalLog({ stdout: quiet, stderr: quiet, env: {}, now: () => AT }).error('batch failed', {
      error: new Error('disk full'),
    });
    const debug = stream(false);
    createTerminalLog({ stdout: debug, stderr: debug, env: { HR_SYNC_DEBUG: '1' }, now: () => AT }).error(
      'batch failed',
      { error: new Error('disk full') },
    );

    expect(quiet.written.join('')).toBe('08:05:09 ERROR batch failed error="Error: disk full"\n');
    expect(debug.written.join('')).toMatch(
      /^08:05:09 ERROR batch failed error="Error: disk full"\n {4}Error: disk full\n {4}\s*at /,
    );
  });
});
