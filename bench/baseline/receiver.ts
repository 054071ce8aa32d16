import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

// The cold-init baseline for the receiver: the same AWS SDK clients and commands (bench/synth.ts checks
// them against the receiver's bundle), nothing of ours. Clients are built on first use, as ours are.
let sqs: SQSClient | undefined;
let secrets: SecretsManagerClient | undefined;
let dynamodb: DynamoDBClient | undefined;

export const handler = async () => {
  sqs ??= new SQSClient({});
  secrets ??= new SecretsManagerClient({});
  dynamodb ??= new DynamoDBClient({});
  await secrets.send(new GetSecretValueCommand({ SecretId: 'baseline' }));
  await dynamodb.send(new GetItemCommand({ TableName: 'baseline', Key: {} }));
  // A queue URL of the real shape: the SDK sends to the host it names.
  await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/000000000000/baseline',
      Entries: [{ Id: '0', MessageBody: '{}' }],
    }),
  );
  return dynamodb.send(new PutItemCommand({ TableName: 'baseline', Item: {} }));
};
