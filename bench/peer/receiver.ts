import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';

// The receiver a user would write by hand instead of ours, for the bench to compare against: verify
// with the `standardwebhooks` package, JSON.parse, one SQS SendMessage with the SDK's default client
// settings. No replay memory, no schema, no logs or metrics: the floor ours is measured against.
// The secret comes from the environment, so nothing is fetched per delivery.
const webhook = new Webhook(process.env.PEER_WEBHOOK_SECRET ?? '');
const sqs = new SQSClient({});

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const body = event.body ?? '';
  try {
    webhook.verify(body, event.headers as Record<string, string>);
  } catch {
    return { statusCode: 401, body: '' };
  }
  try {
    JSON.parse(body);
  } catch {
    return { statusCode: 400, body: '' };
  }
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: body }));
  return { statusCode: 202, body: '' };
};
