import { renameSync, writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { ConfigError, formatPath } from '../config/load.js';
import { readJsonFile } from './json-file.js';

/** A team member of the sandbox Heymarket, with the fields `users/get` and `users/update` deal in. */
export const SandboxUser = z.object({
  id: z.int().check(z.positive()),
  email: z.email(),
  first_name: z.string(),
  last_name: z.string(),
  role_id: z.int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type SandboxUser = z.infer<typeof SandboxUser>;

const SandboxState = z.object({ users: z.array(SandboxUser) });

/** Invented people for a first run: their work emails are what a demo delivery names. */
const DEMO_USERS = [
  { id: 1001, email: 'ada@example.test', first_name: 'Ada', last_name: 'Lovelace', role_id: 4 },
  { id: 1002, email: 'grace@example.test', first_name: 'Grace', last_name: 'Hopper', role_id: 4 },
  { id: 1003, email: 'alan@example.test', first_name: 'Alan', last_name: 'Turing', role_id: 4 },
  { id: 1004, email: 'katherine@example.test', first_name: 'Katherine', last_name: 'Johnson', role_id: 4 },
  { id: 1005, email: 'edsger@example.test', first_name: 'Edsger', last_name: 'Dijkstra', role_id: 1 },
];

export function demoUsers(at: string): SandboxUser[] {
  return DEMO_USERS.map((user) => ({ ...user, created_at: at, updated_at: at }));
}

/** The users saved by an earlier run, or undefined when there is no state file yet. */
export function loadSandboxUsers(file: string): SandboxUser[] | undefined {
  const json = readJsonFile(file, 'sandbox', 'delete it to start again with the demo users');
  if (json === undefined) return undefined;
  const result = SandboxState.safeParse(json, { reportInput: false });
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${formatPath(issue.path) || '(root)'} ${issue.message}` : 'invalid';
    throw new ConfigError(`sandbox: ${where} in ${file}; delete it to start again with the demo users`);
  }
  return result.data.users;
}

/**
 * Written whole and renamed into place, so a crash leaves the old state or the new, never half;
 * readable by its owner only, as everything in the data directory (data-dir.ts).
 */
export function saveSandboxUsers(file: string, users: readonly SandboxUser[]) {
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
}
