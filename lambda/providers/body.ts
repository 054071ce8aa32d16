import { createHash } from 'node:crypto';
import type { $ZodError } from 'zod/v4/core';
import { formatPath } from '../config/format-path.js';
import { invalidInput, SyncError } from '../core/errors.js';

// Enough to fix a body; a list of 500 bad changes need not produce a 500-line answer.
const MAX_ISSUES = 5;

// JSON and form bodies are UTF-8 (RFC 8259 §8.1); `fatal` refuses a malformed byte rather than reading it
// as U+FFFD, so the change queued is exactly what was signed. A BOM is kept, and refused by JSON.parse.
// Made on first use: the first fatal decoder sets up ICU's converter, work the import need not do.
let utf8: InstanceType<typeof TextDecoder> | undefined;

/** A delivery body as text, or a 400 when its bytes are not UTF-8. */
export function bodyText(body: Buffer): string {
  try {
    utf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    return utf8.decode(body);
  } catch {
    throw invalidInput('body-invalid', 'body: not valid UTF-8; send the body encoded as UTF-8');
  }
}

/** A delivery body as JSON, or a 400 that says where it broke without quoting it. */
export function parseJsonBody(body: Buffer): unknown {
  const text = bodyText(body);
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8's message quotes part of the body; only the position is passed on.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw invalidInput('body-invalid', `body: not valid JSON${position ? ` (at position ${position})` : ''}`);
  }
}

/** `body: [0].employee.workEmail Invalid email address`; zod's messages never quote the input. */
export function describeBodyIssues(error: $ZodError, prefix: PropertyKey[] = []): string {
  const lines = error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => `body: ${formatPath([...prefix, ...issue.path]) || '(root)'} ${issue.message}`);
  const more = error.issues.length - MAX_ISSUES;
  return more > 0 ? `${lines.join('; ')}; and ${more} more` : lines.join('; ');
}

/** An event name is a dotted word; anything else is not repeated back, whatever it holds. */
export const safeEventName = (name: string) =>
  /^[A-Za-z][\w.-]{0,63}$/.test(name) ? name : '(unrecognised)';

/** The event id of a provider that sends none: the same body (a retry) gives the same id. */
export const bodyHash = (body: Buffer) => createHash('sha256').update(body).digest('hex');

/**
 * Refuses (401, `tenant-mismatch`) a delivery for another tenant than the configured one; without a
 * configured tenant every one is taken. Compared as text: 12345 = "12345". The message names the
 * body's field and the setting, never either value.
 */
export function checkTenant(
  configured: string | number | undefined,
  given: string,
  where: { provider: string; field: string; setting: string },
): void {
  if (configured === undefined || String(configured) === given) return;
  throw new SyncError(
    'auth',
    'tenant-mismatch',
    `${where.provider}: ${where.field} is not the one configured in providers.${where.provider}.${where.setting}`,
  );
}
