import { ConfigError } from '../config/load.js';
import type { CliIo, Command } from './command.js';
import { dlqCommand } from './dlq.js';
import { CommandError, UsageError } from './errors.js';
import { mapCommand } from './map.js';
import { reconcileCommand } from './reconcile.js';
import { secretsCommand } from './secrets-check.js';
import { statusCommand } from './status.js';

const COMMANDS: readonly Command[] = [
  mapCommand,
  secretsCommand,
  statusCommand,
  dlqCommand,
  reconcileCommand,
];
// Help lines are wrapped to this width, as the project's code is.
const LINE = 110;

/** What the operator's AWS identity needs, per command; `hr-sync help` prints it. */
const OPERATOR_IAM: Record<string, string> = {
  map: 'none: it makes no AWS call',
  secrets:
    'secretsmanager:GetSecretValue on the three secrets (HeymarketSecretArn, WebhookSecretArn, HrisSecretArn; kms:Decrypt too if they use your own KMS key), cloudformation:DescribeStacks',
  status:
    'sqs:GetQueueAttributes on both queues, sqs:ReceiveMessage and sqs:ChangeMessageVisibility on the DLQ, dynamodb:Scan on the applied table (AppliedTableName), cloudformation:DescribeStacks',
  dlq: 'sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility, sqs:SendMessage, sqs:GetQueueAttributes, sqs:StartMessageMoveTask, sqs:ListMessageMoveTasks, cloudformation:DescribeStacks',
  reconcile:
    'secretsmanager:GetSecretValue on HeymarketSecretArn and HrisSecretArn (kms:Decrypt too with your own key), sqs:SendMessage on the main queue (not with --dry-run), cloudformation:DescribeStacks',
};

const USAGE = [
  'usage: hr-sync <command> [options]          hr-sync <command> --help: its options',
  '',
  'commands:',
  ...rows([
    ...COMMANDS.flatMap((command) => command.summary),
    ['help [command]', 'this text, or the options of one command'],
  ]),
  '',
  'Against a deployed stack, pass --stack NAME (read from its CloudFormation outputs, in AWS_REGION,',
  'with the usual AWS credentials); secrets check with no --stack reads the local environment; status and',
  'dlq with none of --stack, --queue-url, --dlq-url, --table read the local host (npm start) data in .hr-sync/',
  '(or HR_SYNC_DATA_DIR, --data-dir DIR) when it is there, also while the host runs.',
  '',
  'operator IAM:',
  ...rows(COMMANDS.map((command) => [command.name, OPERATOR_IAM[command.name] ?? ''])),
].join('\n');

/** Two columns; the right one wrapped at commas to the line width, under itself. */
function rows(entries: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...entries.map(([left]) => left.length));
  return entries.flatMap(([left, right]) => {
    const lines = [''];
    for (const part of right.split(/(?<=, )/)) {
      if (lines.at(-1) && width + 4 + `${lines.at(-1)}${part}`.trimEnd().length > LINE) lines.push('');
      lines[lines.length - 1] += part;
    }
    return lines.map((line, index) => `  ${(index === 0 ? left : '').padEnd(width)}  ${line.trimEnd()}`);
  });
}

/** What a person can do about an AWS error, by its name (never its message, which may echo input). */
function explain(error: unknown, command: Command): string {
  const name = (error as { name?: unknown })?.name;
  switch (name) {
    case 'QueueDoesNotExist':
    case 'AWS.SimpleQueueService.NonExistentQueue':
      return 'the queue does not exist: check --queue-url/--dlq-url (or QUEUE_URL/DLQ_URL) and AWS_REGION';
    case 'AccessDenied':
    case 'AccessDeniedException':
      return command === dlqCommand
        ? `access denied: the operator needs ${OPERATOR_IAM.dlq} on the stack's queues (README, "Operations: the DLQ")`
        : `access denied: hr-sync ${command.name} needs ${OPERATOR_IAM[command.name]}`;
    case 'ResourceNotFoundException':
      if (command === statusCommand) {
        return 'the applied table does not exist: check --table (or APPLIED_TABLE, or the stack output AppliedTableName) and AWS_REGION';
      }
      break;
    case 'CredentialsProviderError':
      return 'no AWS credentials: set AWS_PROFILE (and run aws sso login) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY';
    case 'ValidationError':
      return 'CloudFormation does not know that stack in this region: check --stack and AWS_REGION';
  }
  return `${typeof name === 'string' ? name : 'error'}: ${(error as Error)?.message ?? String(error)}`;
}

const isHelp = (arg: string | undefined) =>
  arg === undefined || arg === 'help' || arg === '--help' || arg === '-h';

async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (isHelp(name)) {
    const topic = COMMANDS.find((command) => command.name === rest[0]);
    io.out(topic ? topic.usage : USAGE);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`hr-sync: unknown command "${String(name).slice(0, 40)}"\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`hr-sync: ${error.message}${error.showUsage ? `\n\n${command.usage}` : ''}`);
      return 2;
    }
    if (error instanceof CommandError || error instanceof ConfigError) {
      io.err(`hr-sync: ${error.message}`);
      return 1;
    }
    io.err(`hr-sync: ${explain(error, command)}`);
    return 1;
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// On Node 20 the AWS SDK prints a nine-line notice that its 2027 releases need Node 22 before any
// command's output (@aws-sdk/core, emitWarningIfUnsupportedVersion). Set the variable to false to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readStdin,
  env: process.env,
  cwd: process.cwd(),
  progressStream: process.stderr,
});
