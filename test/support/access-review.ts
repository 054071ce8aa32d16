import { parseConfig } from '../../lambda/config/load.js';
import type { ConfigInput } from '../../lambda/config/schema.js';
import {
  type AccessReviewInput,
  type DirectoryEmployee,
  type ProviderDirectory,
  reviewAccess,
  type TeamMember,
} from '../../lambda/core/access-review.js';
import type { ProviderName } from '../../lambda/core/employee-change.js';

/** 2026-03-10 12:00 UTC: the reviews below run "today". */
export const NOW = Date.parse('2026-03-10T12:00:00.000Z');

export const listed = (provider: ProviderName, employees: DirectoryEmployee[]): ProviderDirectory => ({
  provider,
  listing: 'listed',
  employees,
});

export const person = (id: string, extra: Partial<DirectoryEmployee> = {}): DirectoryEmployee => ({
  id,
  firstName: `First${id}`,
  lastName: `Last${id}`,
  workEmail: `p${id}@example.test`,
  status: 'active',
  ...extra,
});

export const member = (id: number, roleId = 2): TeamMember => ({ id, name: `User ${id}`, roleId });

/**
 * The review as the reconcile job will call it: the parsed configuration (so `Config` is what the
 * review reads), `users/get` answers by email, and nothing remembered unless given.
 */
export function review(input: Partial<Omit<AccessReviewInput, 'rules'>> & { config?: ConfigInput } = {}) {
  const { config = {}, ...rest } = input;
  return reviewAccess({
    directory: [],
    team: [],
    userIdsByEmail: new Map(),
    remembered: new Map(),
    now: NOW,
    ...rest,
    rules: parseConfig(config, 'test'),
  });
}

/** `kind employee→user` per finding, the shape the rules are stated in. */
export const summary = (report: ReturnType<typeof reviewAccess>) =>
  report.findings.map(
    (f) =>
      `${f.kind} ${f.employee ? `${f.employee.provider}:${f.employee.id}` : '-'}→${f.user ? f.user.id : '-'}`,
  );
