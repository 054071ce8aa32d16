import { DynamoDBClient, GetItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

// The cold-init baseline for the scheduler: the same AWS SDK clients and commands (bench/synth.ts
// checks them against the scheduler's bundle), nothing of ours. Clients are built on first use, as
// ours are.
let sqs: SQSClient | undefined;
let secrets: SecretsManagerClient | undefined;
let dynamodb: DynamoDBClient | undefined;

export const handler = async () => {
  sqs ??= new SQSClient({});
  secrets ??= new SecretsManagerClient({});
  dynamodb ??= new DynamoDBClient({});
  const QueueUrl = 'baseline';
  await secrets.send(new GetSecretValueCommand({ SecretId: 'baseline' }));
  await dynamodb.send(new GetItemCommand({ TableName: 'baseline', Key: {} }));
  await dynamodb.send(new ScanCommand({ TableName: 'baseline' }));
  await dynamodb.send(new UpdateItemCommand({ TableName: 'baseline', Key: {} }));
  await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '' }));
  await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [] }));
  await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: '', VisibilityTimeout: 0 }));
  return sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: '' }));
};
