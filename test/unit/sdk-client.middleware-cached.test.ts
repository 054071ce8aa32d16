import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newAwsClient } from '../../lambda/aws/sdk-client.js';

describe('an SDK client keeps its commands’ middleware', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-a-real-secret');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('resolves a command’s middleware stack on its first send only', async () => {
    const client = newAwsClient(SQSClient);
    // The SDK calls a middleware's factory each time it resolves the stack, and its handler each send;
    // this one answers in place of the transport, so nothing leaves the process.
    let resolutions = 0;
    client.middlewareStack.add(
      () => {
        resolutions += 1;
        return async () => ({ output: { $metadata: {}, Successful: [], Failed: [] }, response: {} });
      },
      { step: 'finalizeRequest', priority: 'low', name: 'answerInPlaceOfTheTransport' },
    );
    for (let i = 0; i < 5; i += 1) {
      await client.send(
        new SendMessageBatchCommand({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/0/q', Entries: [] }),
      );
    }
    expect(resolutions).toBe(1);
  });
});
