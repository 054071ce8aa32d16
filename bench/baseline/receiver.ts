import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

// The cold-init baseline for the receiver: the same AWS SDK clients and commands, nothing of ours.
// Clients are built on first use, as the receiver builds them.
let sqs: SQSClient | undefined;
let secrets: SecretsManagerClient | undefined;

export const handler = async () => {
  sqs ??= new SQSClient({});
  secrets ??= new SecretsManagerClient({});
  await secrets.send(new GetSecretValueCommand({ SecretId: 'baseline' }));
  return sqs.send(new SendMessageBatchCommand({ QueueUrl: 'baseline', Entries: [] }));
};
