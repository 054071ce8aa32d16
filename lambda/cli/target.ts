import { awsTargetFromFlags } from './aws-target.js';
import { NoLocalDataError, UsageError } from './exit-errors.js';
import { createLocalTarget, localDataDir, localTargetFromFlags } from './local-target.js';
import type { Target, TargetFlags } from './target-types.js';

/**
 * The one place a command's backend is chosen: the local data with `--local` or `--data-dir`; a
 * deployment when any of its flags or variables is given (`--stack`, `--queue-url`, `--dlq-url`,
 * `--table`, `QUEUE_URL`, `DLQ_URL`, `APPLIED_TABLE`); else the local data when the host has written
 * it (`.hr-sync/` or `HR_SYNC_DATA_DIR` in `cwd`). With neither, the error says how to get one.
 */
export function openTarget(
  flags: TargetFlags,
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): Target {
  const deployment = [flags.stack, flags.queueUrl, flags.dlqUrl, flags.table].some(Boolean);
  if (flags.local || flags.dataDir !== undefined) {
    if (deployment) {
      throw new UsageError(
        '--local and --data-dir read the local data: leave out --stack, --queue-url, --dlq-url and --table',
      );
    }
    return localTargetFromFlags(flags.dataDir, env, cwd);
  }
  if (deployment || env.QUEUE_URL || env.DLQ_URL || env.APPLIED_TABLE) return awsTargetFromFlags(flags, env);
  const local = localDataDir(undefined, env, cwd);
  if (local.exists) return createLocalTarget({ dataDir: local.dataDir });
  throw new NoLocalDataError(
    `no local data in ${local.dataDir} and no deployment given: start local mode with npm start in this directory (or pass --data-dir DIR where it keeps its data); for a deployment, pass --queue-url and --dlq-url, set QUEUE_URL and DLQ_URL, or pass --stack <name> (the deployed stack, e.g. HeymarketHrSync)`,
    local.dataDir,
  );
}
