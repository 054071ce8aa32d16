import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load.js';
import { registerAccessReview } from './access-review-command.js';
import { explainAwsError, oneLine } from './aws-errors.js';
import type { CliIo, Outcome } from './command.js';
import { registerDlq } from './dlq-command.js';
import { CommandError, UsageError } from './exit-errors.js';
import { OPERATOR_IAM, rows } from './help-text.js';
import { registerMap } from './map.js';
import { registerReconcile } from './reconcile-command.js';
import { registerSecrets } from './secrets-check.js';
import { registerStatus } from './status-command.js';
import { packageVersion } from './version.js';

/** Help lines are wrapped to this width, as the project's code is. */
const WIDTH = 110;

const AFTER_HELP = [
  '',
  'Against a deployed stack, pass --stack NAME (read from its CloudFormation outputs, in --region or',
  'AWS_REGION, with the usual AWS credentials). Without one, every command reads what the local host',
  '(npm start) uses here: its configuration (HR_SYNC_CONFIG_FILE, hr-sync.config.json, else its',
  'defaults), its data directory (HR_SYNC_DATA_DIR, default .hr-sync) and its secrets.',
  '',
  'Exit codes: 0 done, 1 it ran and something is not right (the message says what), 2 a usage mistake;',
  'access-review also exits 3 when the review holds findings.',
  '',
  'operator IAM (with --stack):',
  ...rows(Object.entries(OPERATOR_IAM), WIDTH),
].join('\n');

/** The whole command tree; actions leave their exit code in `outcome`. */
export function buildProgram(io: CliIo, outcome: Outcome): Command {
  const program = new Command('hr-sync')
    .description('Operate heymarket-hr-sync: a deployed stack (--stack NAME) or the local host (npm start).')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'this text')
    .helpCommand('help [command...]', 'the help of a command (hr-sync help dlq replay)')
    .addHelpText('after', AFTER_HELP)
    .showSuggestionAfterError(true)
    .exitOverride();
  registerMap(program, io, outcome);
  registerSecrets(program, io, outcome);
  registerStatus(program, io, outcome);
  registerDlq(program, io, outcome);
  registerReconcile(program, io, outcome);
  registerAccessReview(program, io, outcome);
  configureTree(program, io);
  return program;
}

/**
 * Runs `hr-sync` with `argv` (after the program name) and returns its exit code: 0 done (and for
 * help and --version), 1 a failure the message explains, 2 a usage mistake (an unknown command or
 * option, a missing argument, a bad value, no command at all).
 */
export async function runHrSync(argv: readonly string[], io: CliIo): Promise<number> {
  const outcome: Outcome = { code: 0 };
  const program = buildProgram(io, outcome);
  try {
    await program.parseAsync(helpFirst(argv, program), { from: 'user' });
    return outcome.code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      io.err(`hr-sync: ${error.message}`);
      return 2;
    }
    if (error instanceof CommandError || error instanceof ConfigError) {
      io.err(`hr-sync: ${error.message}`);
      return 1;
    }
    const command = argv.find((arg) => Object.hasOwn(OPERATOR_IAM, arg));
    const aws = explainAwsError(error, command === undefined ? undefined : OPERATOR_IAM[command]);
    io.err(`hr-sync: ${aws ?? oneLine(error)}`);
    if (io.env.HR_SYNC_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return 1;
  }
}

/**
 * `help a b` as `a b --help`: commander prints the top help for a `help` naming no command it knows,
 * where a person is owed "unknown command" (exit 2) and its nearest name.
 */
function helpFirst(argv: readonly string[], program: Command): string[] {
  if (argv[0] !== 'help') return [...argv];
  const rest = argv.slice(1);
  if (rest.length === 0) return ['--help'];
  return program.commands.some((command) => command.name() === rest[0]) || rest[0]?.startsWith('-')
    ? [...rest, '--help']
    : rest;
}

/**
 * Every command prints to the CLI's own streams, prefixes its mistakes with `hr-sync:`, folds
 * commander's "(Did you mean …?)" into the same line and ends with where its help is.
 */
function configureTree(command: Command, io: CliIo, path: string[] = []): void {
  const name = [...path, command.name()].join(' ');
  command.configureOutput({
    writeOut: (text) => io.out(text.replace(/\n$/, '')),
    writeErr: (text) => io.err(text.replace(/\n$/, '')),
    outputError: (text, write) => {
      const message = text
        .trim()
        .replace(/^error: /, '')
        .replace(/\n\(Did you mean (.*)\?\)$/, ' (did you mean $1?)');
      write(
        `hr-sync: ${message}\nrun "${name} --help" for ${name === 'hr-sync' ? 'the commands' : 'its usage'}\n`,
      );
    },
  });
  command.configureHelp({ helpWidth: WIDTH, sortSubcommands: false, showGlobalOptions: false });
  // Without a command, a group prints its help as an error (exit 2): `hr-sync`, `hr-sync dlq`.
  for (const child of command.commands) configureTree(child, io, [...path, command.name()]);
}
