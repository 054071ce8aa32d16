import type { Command } from 'commander';
import type { CliIo } from './command.js';
import type { TargetFlags } from './target-types.js';

/** What commander gives for the options `addTargetOptions` declares. */
export interface TargetOptions {
  stack?: string;
  queueUrl?: string;
  dlqUrl?: string;
  table?: string;
  local?: boolean;
  dataDir?: string;
  region?: string;
}

/** `--region`, for every command that may call AWS. */
export function addRegionOption(command: Command): Command {
  return command.option('--region <name>', 'the AWS region of the stack (or AWS_REGION)');
}

/** The options that pick a deployment or the local data (target.ts `openTarget`). */
export function addTargetOptions(command: Command, options: { table: boolean }): Command {
  command
    .option('--stack <name>', "read the queue URLs (and table) from the CloudFormation stack's outputs")
    .option('--queue-url <url>', 'the main queue (or env QUEUE_URL)')
    .option('--dlq-url <url>', 'the dead-letter queue (or env DLQ_URL)');
  if (options.table) command.option('--table <name>', 'the applied table (or env APPLIED_TABLE)');
  command
    .option(
      '--local',
      'the local host data (npm start), also while it runs; the default when none of the above is given and its data is there',
    )
    .option(
      '--data-dir <dir>',
      'where the local data is (implies --local; or env HR_SYNC_DATA_DIR; default .hr-sync)',
    );
  return addRegionOption(command);
}

/** The flags `openTarget` takes; `--region` applied on the way. */
export function targetFlags(options: TargetOptions, io: CliIo): TargetFlags {
  useRegion(options, io);
  return {
    stack: options.stack,
    queueUrl: options.queueUrl,
    dlqUrl: options.dlqUrl,
    table: options.table,
    local: options.local,
    dataDir: options.dataDir,
  };
}

/**
 * `--region` as AWS_REGION: the SDK clients, made after this, read it there (io.env is the process
 * environment when the CLI runs as a program).
 */
export function useRegion(options: { region?: string }, io: CliIo): void {
  if (options.region !== undefined) io.env.AWS_REGION = options.region;
}
