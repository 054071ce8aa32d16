import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * A loopback stand-in for the two AWS services the functions call (SQS and Secrets Manager, both
 * AWS JSON protocols), plus the SQS calls the replay tool makes (receive, delete, visibility). Point real SDK clients at it with `AWS_ENDPOINT_URL`; it stores what they send
 * so a test can drive the worker with exactly the messages the receiver queued.
 */
export interface StoredMessage {
  messageId: string;
  body: string;
  attributes: Record<string, { DataType: string; StringValue?: string }>;
  receiveCount: number;
  sentAt: number;
}

export interface FakeAws {
  url: string;
  queueUrl: (name: string) => string;
  messages: (queueUrl: string) => StoredMessage[];
  /** Removes and returns up to `max` messages as an SQS event, counting the receive. */
  receive: (queueUrl: string, max?: number) => SQSEvent;
  putSecret: (id: string, value: string) => void;
  /** The next `n` calls of `action` (e.g. `SendMessageBatch`) fail with the given status. */
  failNext: (action: string, n: number, status?: number) => void;
  calls: { action: string; at: number }[];
  close: () => Promise<void>;
}

export async function startFakeAws(): Promise<FakeAws> {
  const queues = new Map<string, StoredMessage[]>();
  const secrets = new Map<string, string>();
  const faults = new Map<string, { left: number; status: number }>();
  const calls: FakeAws['calls'] = [];
  const hiddenUntil = new Map<string, number>();
  const receipts = new Map<string, string>();
  let base = '';

  const queue = (url: string) => {
    const messages = queues.get(url) ?? [];
    queues.set(url, messages);
    return messages;
  };
  const store = (queueUrl: string, body: string, attributes: StoredMessage['attributes'] = {}) => {
    const message = { messageId: randomUUID(), body, attributes, receiveCount: 0, sentAt: Date.now() };
    queue(queueUrl).push(message);
    return { MessageId: message.messageId, MD5OfMessageBody: createHash('md5').update(body).digest('hex') };
  };

  const actions: Record<string, (input: Record<string, unknown>) => [number, object]> = {
    'AmazonSQS.SendMessage': (input) => [
      200,
      store(
        String(input.QueueUrl),
        String(input.MessageBody),
        input.MessageAttributes as StoredMessage['attributes'],
      ),
    ],
    'AmazonSQS.SendMessageBatch': (input) => {
      const entries = input.Entries as {
        Id: string;
        MessageBody: string;
        MessageAttributes?: StoredMessage['attributes'];
      }[];
      return [
        200,
        {
          Successful: entries.map((entry) => ({
            Id: entry.Id,
            ...store(String(input.QueueUrl), entry.MessageBody, entry.MessageAttributes),
          })),
          Failed: [],
        },
      ];
    },
    // For the replay tool: a received message stays stored, hidden until its visibility timeout ends.
    'AmazonSQS.ReceiveMessage': (input) => {
      const now = Date.now();
      const max = Number(input.MaxNumberOfMessages ?? 1);
      const visibilityMs = Number(input.VisibilityTimeout ?? 30) * 1000;
      const taken = queue(String(input.QueueUrl))
        .filter((message) => (hiddenUntil.get(message.messageId) ?? 0) <= now)
        .slice(0, max);
      return [
        200,
        {
          Messages: taken.map((message) => {
            message.receiveCount += 1;
            hiddenUntil.set(message.messageId, now + visibilityMs);
            const receiptHandle = randomUUID();
            receipts.set(receiptHandle, message.messageId);
            return {
              MessageId: message.messageId,
              ReceiptHandle: receiptHandle,
              Body: message.body,
              MD5OfBody: createHash('md5').update(message.body).digest('hex'),
              MessageAttributes: message.attributes,
            };
          }),
        },
      ];
    },
    'AmazonSQS.DeleteMessage': (input) => {
      const messageId = receipts.get(String(input.ReceiptHandle));
      const messages = queue(String(input.QueueUrl));
      const index = messages.findIndex((message) => message.messageId === messageId);
      if (index >= 0) messages.splice(index, 1);
      return [200, {}];
    },
    'AmazonSQS.ChangeMessageVisibility': (input) => {
      const messageId = receipts.get(String(input.ReceiptHandle));
      if (messageId) hiddenUntil.set(messageId, Date.now() + Number(input.VisibilityTimeout) * 1000);
      return [200, {}];
    },
    'AmazonSQS.GetQueueAttributes': (input) => {
      const url = String(input.QueueUrl);
      return [
        200,
        {
          Attributes: {
            QueueArn: `arn:aws:sqs:eu-west-1:000000000000:${url.split('/').pop()}`,
            ApproximateNumberOfMessages: String(queue(url).length),
          },
        },
      ];
    },
    'secretsmanager.GetSecretValue': (input) => {
      const id = String(input.SecretId);
      const value = secrets.get(id);
      if (value === undefined) {
        return [
          400,
          {
            __type: 'ResourceNotFoundException',
            message: "Secrets Manager can't find the specified secret.",
          },
        ];
      }
      return [
        200,
        { ARN: id, Name: id, SecretString: value, VersionId: randomUUID(), CreatedDate: Date.now() / 1000 },
      ];
    },
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const action = target.split('.').pop() ?? '';
    calls.push({ action, at: Date.now() });
    const reply = (status: number, body: object) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': randomUUID(),
      });
      res.end(JSON.stringify(body));
    };
    const fault = faults.get(action);
    if (fault && fault.left > 0) {
      fault.left -= 1;
      return reply(fault.status, { __type: 'ServiceUnavailable', message: 'injected fault' });
    }
    const handle = actions[target];
    if (!handle) return reply(400, { __type: 'UnknownOperationException', message: target });
    const [status, body] = handle(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
    reply(status, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    queueUrl: (name) => `${base}/000000000000/${name}`,
    messages: (queueUrl) => queue(queueUrl),
    receive: (queueUrl, max = 10) => {
      const taken = queue(queueUrl).splice(0, max);
      return { Records: taken.map((message) => toRecord(message, queueUrl)) };
    },
    putSecret: (id, value) => secrets.set(id, value),
    failNext: (action, n, status = 500) => faults.set(action, { left: n, status }),
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function toRecord(message: StoredMessage, queueUrl: string): SQSRecord {
  message.receiveCount += 1;
  return {
    messageId: message.messageId,
    receiptHandle: randomUUID(),
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: 'AIDAFAKE',
      ApproximateFirstReceiveTimestamp: String(message.sentAt),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.attributes).map(([name, value]) => [
        name,
        {
          dataType: value.DataType,
          stringValue: value.StringValue,
          stringListValues: [],
          binaryListValues: [],
        },
      ]),
    ),
    md5OfBody: createHash('md5').update(message.body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:eu-west-1:000000000000:${queueUrl.split('/').pop()}`,
    awsRegion: 'eu-west-1',
  };
}
