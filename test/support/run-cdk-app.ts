import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../..');

/** The `context` of the repository's cdk.json: what the CDK CLI passes the app on every synth. */
export const cdkJsonContext = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(REPO, 'cdk.json'), 'utf8')).context;

export interface AppRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The cloud assembly directory (written only when the synth succeeded). */
  outdir: string;
}

/**
 * `infra/app.ts` as `cdk synth` runs it from `cwd`: the CLI hands the app cdk.json's context merged
 * with `-c` values in CDK_CONTEXT_JSON. Bundling is skipped (`aws:cdk:bundling-stacks`, the key the
 * CLI names the stacks to bundle with, is empty) and so are the template checks (`CDK_VALIDATION`):
 * a synth takes seconds, not a minute. The bundles and cdk-nag have tests of their own.
 */
export async function runCdkApp(options: {
  cwd: string;
  context?: Record<string, unknown>;
}): Promise<AppRun> {
  const outdir = mkdtempSync(join(tmpdir(), 'hr-sync-app-run-'));
  const context = { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...options.context };
  const args = ['--import', import.meta.resolve('tsx'), join(REPO, 'infra/app.ts')];
  try {
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd: options.cwd,
      env: {
        ...process.env,
        CDK_VALIDATION: 'false',
        CDK_CONTEXT_JSON: JSON.stringify(context),
        CDK_OUTDIR: outdir,
      },
      timeout: 110_000,
    });
    return { code: 0, stdout, stderr, outdir };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, outdir };
  }
}
