/** What the operator's AWS identity needs, per command, with --stack; `hr-sync --help` prints it. */
export const OPERATOR_IAM: Record<string, string> = {
  map: 'none: it makes no AWS call',
  secrets:
    'secretsmanager:GetSecretValue on the three secrets (HeymarketSecretArn, WebhookSecretArn, HrisSecretArn; kms:Decrypt too if they use your own KMS key), cloudformation:DescribeStacks',
  status:
    'sqs:GetQueueAttributes on both queues, sqs:ReceiveMessage and sqs:ChangeMessageVisibility on the DLQ, dynamodb:Scan on the applied table (AppliedTableName), cloudformation:DescribeStacks',
  dlq: 'sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility, sqs:SendMessage, sqs:GetQueueAttributes, sqs:StartMessageMoveTask, sqs:ListMessageMoveTasks, cloudformation:DescribeStacks',
  'access-review':
    'dynamodb:GetItem on the applied table (AppliedTableName, key access-review#latest), cloudformation:DescribeStacks',
  reconcile:
    'secretsmanager:GetSecretValue on HeymarketSecretArn and HrisSecretArn (kms:Decrypt too with your own key), sqs:SendMessage on the main queue (not with --dry-run), cloudformation:DescribeStacks',
};

/** Two columns; the right one wrapped at commas to `width`, under itself. */
export function rows(entries: readonly (readonly [string, string])[], width: number): string[] {
  const left = Math.max(...entries.map(([key]) => key.length));
  return entries.flatMap(([key, value]) => {
    const lines = [''];
    for (const part of value.split(/(?<=, )/)) {
      if (lines.at(-1) && left + 4 + `${lines.at(-1)}${part}`.trimEnd().length > width) lines.push('');
      lines[lines.length - 1] += part;
    }
    return lines.map((line, index) => `  ${(index === 0 ? key : '').padEnd(left)}  ${line.trimEnd()}`);
  });
}
