import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ChangeMessageVisibilityBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

// The cold-init baseline for the worker: the same AWS SDK clients and commands (bench/synth.ts checks
// them against the worker's bundle), nothing of ours. Clients are built on first use, as ours are.
let sqs: SQSClient | undefined;
let secrets: SecretsManagerClient | undefined;
let dynamodb: DynamoDBClient | undefined;

export const handler = async () => {
  sqs ??= new SQSClient({});
  secrets ??= new SecretsManagerClient({});
  dynamodb ??= new DynamoDBClient({});
  await secrets.send(new GetSecretValueCommand({ SecretId: 'baseline' }));
  await dynamodb.send(new GetItemCommand({ TableName: 'baseline', Key: {} }));
  await dynamodb.send(new UpdateItemCommand({ TableName: 'baseline', Key: {} }));
  await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: 'baseline', Entries: [] }));
  return sqs.send(new SendMessageCommand({ QueueUrl: 'baseline', MessageBody: '' }));
};
