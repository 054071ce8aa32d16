import type { Log, LogAttributes } from '../observability/log.js';

export type LogLevel = 'info' | 'warn' | 'error';

export interface LineStyle {
  /** ANSI colours: only for a terminal, and never when NO_COLOR is set (https://no-color.org/). */
  colour: boolean;
  /** An error's stack on the lines after its line (HR_SYNC_DEBUG); otherwise its name and message only. */
  stack: boolean;
}

const LEVEL_COLOUR: Record<LogLevel, string> = { info: '32', warn: '33', error: '31' };
const paint = (on: boolean, code: string, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

const isControl = (char: string) => {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
};
// A bare value must read back as one token: anything with a space, a quote or a control character
// (a newline would split the line) is written as a JSON string instead.
const needsQuotes = (text: string) => text === '' || /[\s"']/.test(text) || [...text].some(isControl);
// Messages are literals in the code; escaping control characters keeps the line one line regardless.
const oneLine = (text: string) =>
  [...text].map((char) => (isControl(char) ? JSON.stringify(char).slice(1, -1) : char)).join('');

const errorText = (error: Error) => `${error.name}: ${error.message}`;

function compactJson(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_key, inner: unknown) => {
        if (inner instanceof Error) return errorText(inner);
        if (typeof inner === 'bigint') return inner.toString();
        return inner;
      }) ?? String(value)
    );
  } catch {
    // A cycle: say so rather than lose the whole line.
    return '"[unserializable]"';
  }
}

/** One attribute's value as it appears after `key=`. */
export function formatValue(value: unknown): string {
  if (value instanceof Error) return formatValue(errorText(value));
  if (typeof value === 'string') return needsQuotes(value) ? JSON.stringify(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null)
    return String(value);
  return compactJson(value);
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * `HH:MM:SS LEVEL message key=value …` in local time: what a person reads in the terminal running
 * `npm start`. The attributes are the same the JSON logger writes (ids, counts, codes, field names),
 * in the order given; an undefined one is left out, as JSON.stringify leaves it out there.
 */
export function formatLogLine(
  level: LogLevel,
  message: string,
  attributes: LogAttributes,
  at: Date,
  style: LineStyle,
): string {
  const time = `${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())}:${twoDigits(at.getSeconds())}`;
  const parts = [
    paint(style.colour, '2', time),
    paint(style.colour, LEVEL_COLOUR[level], level.toUpperCase().padEnd(5)),
    oneLine(message),
  ];
  const stacks: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    parts.push(`${paint(style.colour, '2', `${key}=`)}${formatValue(value)}`);
    if (style.stack && value instanceof Error && value.stack) stacks.push(value.stack);
  }
  const line = parts.join(' ');
  return stacks.length === 0
    ? line
    : [line, ...stacks.map((stack) => stack.replace(/^/gm, '    '))].join('\n');
}

export interface TerminalStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * A `Log` for a person at a terminal: info to `stdout`, warn and error to `stderr`, as the JSON
 * logger (Powertools) writes them. Colour is decided per stream, so `npm start 2>file` keeps
 * escape codes out of the file.
 */
export function createTerminalLog(deps: {
  stdout: TerminalStream;
  stderr: TerminalStream;
  env: Record<string, string | undefined>;
  now?: () => Date;
}): Log {
  const now = deps.now ?? (() => new Date());
  const noColour = Boolean(deps.env.NO_COLOR);
  const stack = Boolean(deps.env.HR_SYNC_DEBUG);
  const write = (stream: TerminalStream, level: LogLevel) => (message: string, attributes: LogAttributes) => {
    const style = { colour: stream.isTTY === true && !noColour, stack };
    stream.write(`${formatLogLine(level, message, attributes, now(), style)}\n`);
  };
  return {
    info: write(deps.stdout, 'info'),
    warn: write(deps.stderr, 'warn'),
    error: write(deps.stderr, 'error'),
  };
}
