import { newSqsClient } from '../aws/queue.js';
import { parseDlqArgs, USAGE, UsageError } from './dlq-args.js';
import { runDlqCommand } from './dlq-commands.js';
import { resolveQueueUrls } from './dlq-queues.js';

const OPERATOR_IAM =
  'sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility, sqs:SendMessage, sqs:GetQueueAttributes, sqs:StartMessageMoveTask, sqs:ListMessageMoveTasks, cloudformation:DescribeStacks';

/** What a person can do about an AWS error, by its name (never its message, which may echo input). */
function explain(error: unknown): string {
  const name = (error as { name?: unknown })?.name;
  switch (name) {
    case 'QueueDoesNotExist':
    case 'AWS.SimpleQueueService.NonExistentQueue':
      return 'the queue does not exist: check --queue-url/--dlq-url (or QUEUE_URL/DLQ_URL) and AWS_REGION';
    case 'AccessDenied':
    case 'AccessDeniedException':
      return `access denied: the operator needs ${OPERATOR_IAM} on the stack's queues (README, "Operations: the DLQ")`;
    case 'CredentialsProviderError':
      return 'no AWS credentials: set AWS_PROFILE (and run aws sso login) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY';
    case 'ValidationError':
      return 'CloudFormation does not know that stack in this region: check --stack and AWS_REGION';
    default:
      return `${typeof name === 'string' ? name : 'error'}: ${(error as Error)?.message ?? String(error)}`;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let command: ReturnType<typeof parseDlqArgs>;
  try {
    command = parseDlqArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`hr-sync: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    return await runDlqCommand(command, {
      client: newSqsClient(),
      urls: () => resolveQueueUrls(command.queues),
      out: (line) => process.stdout.write(`${line}\n`),
      progressStream: process.stderr,
    });
  } catch (error) {
    process.stderr.write(`hr-sync: ${error instanceof UsageError ? error.message : explain(error)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
