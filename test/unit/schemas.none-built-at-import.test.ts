import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DUMMY_ENV } from '../../bench/cold-init.js';
import { ROOT } from '../support/cli.js';

// Each handler is imported in a fresh process, as a cold start does, with zod's schema constructor
// counted (test/support/count-schema-builds.mjs): every module-scope schema is a lazySchema
// (lambda/core/lazy-schema.ts), so what an import builds is only what the handler reads at module scope.
const ENV = {
  PATH: process.env.PATH ?? '',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...DUMMY_ENV,
  ALARM_TOPIC_ARN: 'arn:aws:sns:eu-west-1:000000000000:hr-sync-alarms',
  LEAVER_GRACE_HOURS: '72',
};

/**
 * Each schema or check built while `lambda/handlers/<handler>.ts` is imported, as the lambda/ frames of
 * the stack that built it (`function file:line ← caller …`), so a failure shows where.
 */
async function buildsAtImport(handler: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'test/support/count-schema-builds.mjs'),
      join(ROOT, `lambda/handlers/${handler}.ts`),
    ],
    { cwd: ROOT, env: ENV, encoding: 'utf8' },
  );
  const { counted, builds } = JSON.parse(stdout) as { counted: boolean; builds: string[][] };
  expect(counted, "zod's constructor was counted").toBe(true);
  return builds.map((frames) => frames.join(' ← '));
}

/** The builds not made inside one of `reads` (function names). */
const outside = (builds: string[], reads: string[]) =>
  builds.filter(
    (stack) => !reads.some((read) => stack.split(' ← ').some((frame) => frame.startsWith(`${read} `))),
  );

describe('no schema is built when a Lambda handler is imported', () => {
  it('the receiver builds none: it reads its config and environment on the first delivery', async () => {
    expect(await buildsAtImport('receiver')).toEqual([]);
  });

  it('the scheduler builds none: each job reads its environment when it runs', async () => {
    expect(await buildsAtImport('scheduler')).toEqual([]);
  });

  it('the leaver notifier builds only the schema of the environment it checks at import', async () => {
    const builds = await buildsAtImport('leaver-notifier');
    expect(builds.length).toBeGreaterThan(0);
    expect(outside(builds, ['readEnvironment'])).toEqual([]);
  });

  it('the worker builds only the schemas of the config and environment it parses at import', async () => {
    const builds = await buildsAtImport('worker');
    expect(builds.length).toBeGreaterThan(0);
    expect(outside(builds, ['configFromEnv', 'readEnvironment'])).toEqual([]);
  });
});
