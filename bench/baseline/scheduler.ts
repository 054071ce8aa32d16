import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

// The cold-init baseline for the scheduler: the same AWS SDK client and commands, nothing of ours.
const sqs = new SQSClient({});

export const handler = async () => {
  const QueueUrl = 'baseline';
  await sqs.send(new GetQueueAttributesCommand({ QueueUrl }));
  await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '' }));
  await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: '', VisibilityTimeout: 0 }));
  return sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: '' }));
};
