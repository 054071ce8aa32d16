import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { ConfigError } from '../config/load.js';

/** In the data directory, beside the generated webhook secrets (local-secrets.ts), mode 0600. */
export const ADMIN_TOKEN_FILE = 'local-admin-token';
export const ADMIN_TOKEN_VARIABLE = 'HR_SYNC_ADMIN_TOKEN';

/** What a token may be: long enough not to guess, and nothing an HTTP header cannot carry. */
export const AdminTokenValue = z
  .string()
  .check(
    z.regex(
      /^[\x21-\x7e]{16,512}$/,
      'must be 16 to 512 visible ASCII characters, no spaces (for example the output of: openssl rand -base64 32)',
    ),
  );

export interface AdminToken {
  token: string;
  /** The generated token's file; undefined when the token comes from HR_SYNC_ADMIN_TOKEN. */
  file: string | undefined;
}

/**
 * The bearer token every state-changing route of the local host requires (`POST /reconcile`):
 * `HR_SYNC_ADMIN_TOKEN` when set, otherwise one generated once into `<data dir>/local-admin-token`
 * and kept, which `hr-sync reconcile` reads from there.
 */
export function resolveAdminToken(dataDir: string, fromEnvironment: string | undefined): AdminToken {
  if (fromEnvironment !== undefined) return { token: fromEnvironment, file: undefined };
  const file = join(dataDir, ADMIN_TOKEN_FILE);
  const stored = readAdminTokenFile(file);
  if (stored !== undefined) return { token: stored, file };
  const token = randomBytes(32).toString('base64url');
  // Whole and renamed into place, as local-secrets.ts writes: a crash never leaves half a token.
  const partial = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, `${token}\n`, { mode: 0o600 });
    renameSync(partial, file);
  } catch (error) {
    throw new ConfigError(`secrets: cannot write ${file} (${codeOf(error)})`);
  }
  return { token, file };
}

/** The generated token, or undefined when there is none yet. */
export function readAdminTokenFile(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`secrets: cannot read ${file} (${codeOf(error)})`);
  }
  const parsed = AdminTokenValue.safeParse(text.trim(), { reportInput: false });
  if (!parsed.success) {
    throw new ConfigError(
      `secrets: ${file} does not hold a token (it ${parsed.error.issues[0]?.message ?? 'is invalid'}); delete it and restart the host to generate a new one`,
    );
  }
  return parsed.data;
}

/**
 * Whether an `Authorization` header carries `Bearer <token>`. Both sides are hashed first, so the
 * comparison takes the same time whatever the header's length and however much of it matches.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'error';
