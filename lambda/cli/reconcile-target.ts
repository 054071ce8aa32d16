import { DEFAULT_HEYMARKET_BASE_URL, type ReconcileEnv, type VariableOf } from '../app/environment.js';
import { createChangeQueue } from '../aws/queue.js';
import { createSecretReader } from '../aws/secret-reader.js';
import {
  type HeymarketSecret,
  HeymarketSecret as HeymarketSecretSchema,
  HrisSecrets,
} from '../config/secrets.js';
import type { ChangeQueue } from '../core/ports.js';
import { UsageError } from './exit-errors.js';
import { cachedStackOutputs, type StackOutputs } from './stack-outputs.js';

/**
 * What `hr-sync reconcile` runs against: the two secrets it reads and the queue it enqueues on. Today a
 * deployed stack (its outputs) or the same variables the scheduler function reads. The local host
 * (lambda/local/) runs the job itself, with its own secrets and queue: `targetsLocalHost` picks it.
 */
export interface ReconcileTarget {
  /** For the output: `stack HeymarketHrSync`. */
  readonly label: string;
  readonly heymarketBaseUrl: string;
  heymarketSecret(options: { forceRefresh: boolean }): Promise<HeymarketSecret>;
  hrisSecrets(): Promise<HrisSecrets>;
  readonly queue: ChangeQueue;
}

/**
 * Whether `hr-sync reconcile` asks the running local host (lambda/local/) to run the job rather than
 * running it here against AWS: with `--local`, or with neither `--stack` nor the variables that name
 * the AWS resources (`QUEUE_URL`, `HEYMARKET_SECRET_ARN`, `HRIS_SECRET_ARN`).
 */
export function targetsLocalHost(
  flags: { stack: string | undefined; local: boolean | undefined },
  env: Record<string, string | undefined>,
): boolean {
  if (flags.local && flags.stack) throw new UsageError('pass --local or --stack NAME, not both');
  if (flags.local || flags.stack) return flags.local === true;
  return !TARGET_VARIABLES.some((variable) => env[variable]);
}

// The scheduler function's own names (lambda/app/environment.ts): tsc refuses one it does not read.
type Variable = VariableOf<typeof ReconcileEnv>;
const TARGET_VARIABLES: readonly Variable[] = ['QUEUE_URL', 'HEYMARKET_SECRET_ARN', 'HRIS_SECRET_ARN'];

export interface ReconcileTargetFlags {
  stack: string | undefined;
  heymarketUrl: string | undefined;
}

/**
 * Secret ARNs and the queue from the environment (`HEYMARKET_SECRET_ARN`, `HRIS_SECRET_ARN`,
 * `QUEUE_URL`, as the functions name them), else from the `--stack` outputs; the Heymarket base URL
 * from `--heymarket-url`, else `HEYMARKET_BASE_URL`, else Heymarket's.
 */
export async function openReconcileTarget(
  flags: ReconcileTargetFlags,
  env: Record<string, string | undefined>,
  outputsOf: StackOutputs = cachedStackOutputs(),
): Promise<ReconcileTarget> {
  const outputs = flags.stack ? await outputsOf(flags.stack) : {};
  const pick = (variable: Variable, output: string) => {
    const value = env[variable] ?? outputs[output];
    if (value) return value;
    throw new UsageError(
      flags.stack
        ? `stack ${flags.stack} has no ${output} output: deploy this version once, or set ${variable}`
        : `no ${output}: pass --stack <name> (the deployed stack, e.g. HeymarketHrSync) or set ${variable}`,
      false,
    );
  };
  const heymarketSecretId = pick('HEYMARKET_SECRET_ARN', 'HeymarketSecretArn');
  const hrisSecretId = pick('HRIS_SECRET_ARN', 'HrisSecretArn');
  const queueUrl = pick('QUEUE_URL', 'QueueUrl');
  // Read once per run: the operator's credentials, no warm cache to keep.
  const secrets = createSecretReader({ ttlMs: 0 });
  return {
    label: flags.stack ? `stack ${flags.stack}` : 'the secrets and queue given by environment',
    heymarketBaseUrl:
      flags.heymarketUrl ?? env['HEYMARKET_BASE_URL' satisfies Variable] ?? DEFAULT_HEYMARKET_BASE_URL,
    heymarketSecret: ({ forceRefresh }) =>
      secrets.read(heymarketSecretId, HeymarketSecretSchema, { forceRefresh }),
    hrisSecrets: () => secrets.read(hrisSecretId, HrisSecrets),
    queue: createChangeQueue({ queueUrl }),
  };
}
