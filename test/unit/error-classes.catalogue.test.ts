import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEAD_LETTER_CLASSES } from '../../lambda/cli/dlq-args.js';
import { ROOT } from '../support/cli.js';

const { closest: closestErrorClass, isKnown: isKnownErrorClass, services: SERVICES } = DEAD_LETTER_CLASSES;

// The scheduler's own jobs (reconcile state, the DLQ move task, its input, the access review and its
// stores, read by the CLI too) and the leaver notifier (its stream records retry, then go to its own
// failed-records queue) fail a run or a stream record, never a message: none of their codes reaches the DLQ.
const SCHEDULER_ONLY = [
  'aws/reconcile-state.ts',
  'aws/move-task.ts',
  'core/scheduler-job.ts',
  'aws/access-review-store.ts',
  'local/access-review-store.ts',
  'core/access-review-report.ts',
  'aws/leaver-notifier.ts',
  'aws/access-review-stream.ts',
  'local/leaver-notifier.ts',
].map((file) => join(ROOT, 'lambda', file));
// Only the reconcile's GET /v1/team answers with these, in files the worker shares.
const TEAM_LISTING_ONLY = ['heymarket-team-incomplete', 'heymarket-team-too-large'];

/** Every .ts file under lambda/, recursively. */
function sources(dir = join(ROOT, 'lambda')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

// The codes the worker can fail with: permanent(...), transient(...), invalidInput(...),
// sdkUnavailable(...) (lambda/aws/sdk-client.ts) and new SyncError(kind, code, ...), the code literal
// or a template over a service name.
const THROWN =
  /(?:permanent|transient|invalidInput|sdkUnavailable)\(\s*(['`])([^'`]+)\1|new SyncError\(\s*'(?:permanent|transient|invalid-input)',\s*(['`])([^'`]+)\3/g;

describe('the error classes hr-sync dlq replay accepts', () => {
  it('include every code a SyncError is made with in lambda/, but for the scheduler jobs', () => {
    const codes = new Set<string>();
    for (const file of sources().filter((path) => !SCHEDULER_ONLY.includes(path))) {
      for (const match of readFileSync(file, 'utf8').matchAll(THROWN)) codes.add(match[2] ?? match[4] ?? '');
    }
    expect(codes.size).toBeGreaterThan(20);
    expect(codes).toContain('queue-unavailable');
    const unknown = [...codes].flatMap((code) => {
      if (TEAM_LISTING_ONLY.includes(code)) return [];
      if (!code.includes('${')) return isKnownErrorClass(code) ? [] : [code];
      // `${service}-429`, `heymarket-${status}`: each service with a 4xx status stands in.
      const examples = SERVICES.map((service) =>
        code.replace(/\$\{[^}]*service\}/, service).replace(/\$\{status\}/, '404'),
      );
      return examples.filter((example) => !isKnownErrorClass(example));
    });
    expect(unknown).toEqual([]);
  });

  it('refuse what no dead letter carries, and name the nearest known one', () => {
    expect(isKnownErrorClass('unknown-emial')).toBe(false);
    expect(isKnownErrorClass('heymarket-5xx')).toBe(true);
    expect(isKnownErrorClass('hibob-403')).toBe(true);
    expect(isKnownErrorClass('hibob-503')).toBe(false);
    expect(isKnownErrorClass('workday-5xx')).toBe(false);
    expect(closestErrorClass('unknown-emial')).toBe('unknown-email');
    expect(closestErrorClass('herpderp')).toBeUndefined();
  });

  it('name Heymarket and every HR system with an API as a service, in the order --help has always listed them', () => {
    expect(SERVICES).toEqual(['heymarket', 'bamboohr', 'hibob', 'merge', 'personio']);
    expect(DEAD_LETTER_CLASSES.describe()).toMatch(
      /^applied-store-unavailable, .*, unknown-email; and <service>-<4xx status>, <service>-429, <service>-5xx, <service>-timeout, <service>-network, <service>-bad-response, <service>-auth, <service>-rate-budget, where <service> is heymarket, bamboohr, hibob, merge, personio$/,
    );
    expect(closestErrorClass('personio-5xy')).toBe('personio-5xx');
  });
});
