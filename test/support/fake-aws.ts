import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * A loopback stand-in for the AWS services the functions call (SQS, Secrets Manager and DynamoDB, all
 * AWS JSON protocols, with the Scan the scheduler reads remembered user ids by; SNS Publish, AWS Query),
 * plus what the `hr-sync` CLI calls (SQS receive, delete, visibility, message move tasks; DynamoDB Scan;
 * CloudFormation DescribeStacks, AWS Query). Point real SDK clients at it with `AWS_ENDPOINT_URL`; it
 * stores what they send so a test can drive the worker with exactly the messages the receiver queued,
 * or poll the queue as the Lambda SQS event source does, on the clock the test passes in.
 */
export interface StoredMessage {
  messageId: string;
  body: string;
  attributes: Record<string, { DataType: string; StringValue?: string }>;
  receiveCount: number;
  sentAt: number;
}

export interface RedrivePolicy {
  deadLetterQueueUrl: string;
  maxReceiveCount: number;
}

export type Item = Record<string, AttributeValue>;

export interface Published {
  topicArn: string;
  subject: string | undefined;
  message: string;
}

export interface FakeAws {
  url: string;
  queueUrl: (name: string) => string;
  messages: (queueUrl: string) => StoredMessage[];
  /** Removes and returns up to `max` messages as an SQS event, counting the receive. */
  receive: (queueUrl: string, max?: number) => SQSEvent;
  setRedrive: (queueUrl: string, policy: RedrivePolicy) => void;
  /**
   * What the Lambda event source hands the function: up to `max` visible messages, each hidden for
   * the visibility timeout and counted; one already received `maxReceiveCount` times goes to the DLQ.
   */
  poll: (queueUrl: string, options: { max: number; visibilityTimeoutSeconds: number }) => SQSEvent;
  /** Deletes the messages of these receipt handles, as the event source does for records that succeeded. */
  ack: (queueUrl: string, receiptHandles: string[]) => void;
  visibleCount: (queueUrl: string) => number;
  inFlightCount: (queueUrl: string) => number;
  /** The DynamoDB table's items by `pk`; tables exist as soon as they are named. */
  items: (tableName: string) => Map<string, Item>;
  putSecret: (id: string, value: string) => void;
  /** A deployed stack as DescribeStacks reports it: its name and outputs. */
  putStack: (name: string, outputs: Record<string, string>) => void;
  /** An SNS topic that Publish accepts (any other ARN is NotFound, as SNS answers); returns its ARN. */
  createTopic: (name: string) => string;
  /** What was published, in order. */
  published: Published[];
  /** The next `n` calls of `action` (e.g. `SendMessageBatch`) fail with the given status. */
  failNext: (action: string, n: number, status?: number) => void;
  /** The next StartMessageMoveTask moves half the messages, then reports FAILED with this reason. */
  failMoveTask: (reason: string) => void;
  calls: { action: string; at: number }[];
  close: () => Promise<void>;
}

/** A refusal the way the service sends it: status, `__type` and message. */
class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** A StartMessageMoveTask: its messages move at once; ListMessageMoveTasks reveals it in two steps. */
interface MoveTask {
  handle: string;
  sourceArn: string;
  destinationArn: string;
  toMove: number;
  moved: number;
  failureReason: string | undefined;
  startedAt: number;
  listed: number;
}

const ARN_PREFIX = 'arn:aws:sqs:eu-west-1:000000000000:';
const DYNAMODB_ERROR = 'com.amazonaws.dynamodb.v20120810#';
const invalid = (message: string) => new AwsError(`${DYNAMODB_ERROR}ValidationException`, message);

export async function startFakeAws(options: { now?: () => number } = {}): Promise<FakeAws> {
  const now = options.now ?? Date.now;
  const queues = new Map<string, StoredMessage[]>();
  const redrives = new Map<string, RedrivePolicy>();
  const tables = new Map<string, Map<string, Item>>();
  const secrets = new Map<string, string>();
  const stacks = new Map<string, Record<string, string>>();
  const topics = new Set<string>();
  const published: Published[] = [];
  const faults = new Map<string, { left: number; status: number }>();
  const calls: FakeAws['calls'] = [];
  const hiddenUntil = new Map<string, number>();
  const receipts = new Map<string, string>();
  // SQS honours only a message's most recent receipt handle.
  const latestReceipt = new Map<string, string>();
  // Most recent first, as ListMessageMoveTasks answers.
  const moveTasks: MoveTask[] = [];
  let nextMoveFailure: string | undefined;
  let base = '';

  const queue = (url: string) => {
    const messages = queues.get(url) ?? [];
    queues.set(url, messages);
    return messages;
  };
  const table = (name: string) => {
    const items = tables.get(name) ?? new Map<string, Item>();
    tables.set(name, items);
    return items;
  };
  const store = (queueUrl: string, body: string, attributes: StoredMessage['attributes'] = {}) => {
    const message = { messageId: randomUUID(), body, attributes, receiveCount: 0, sentAt: now() };
    queue(queueUrl).push(message);
    return { MessageId: message.messageId, MD5OfMessageBody: createHash('md5').update(body).digest('hex') };
  };
  const isHidden = (message: StoredMessage, at: number) => (hiddenUntil.get(message.messageId) ?? 0) > at;
  const forget = (messageId: string) => {
    hiddenUntil.delete(messageId);
    latestReceipt.delete(messageId);
  };
  /** The stored message a receipt handle still controls, if any. */
  const held = (queueUrl: string, receiptHandle: string) => {
    const messageId = receipts.get(receiptHandle);
    if (!messageId || latestReceipt.get(messageId) !== receiptHandle) return undefined;
    const messages = queue(queueUrl);
    const index = messages.findIndex((message) => message.messageId === messageId);
    return index >= 0 ? { messages, index, messageId } : undefined;
  };
  const remove = (queueUrl: string, receiptHandle: string) => {
    const found = held(queueUrl, receiptHandle);
    if (!found) return;
    found.messages.splice(found.index, 1);
    forget(found.messageId);
  };
  const setVisibility = (queueUrl: string, receiptHandle: string, seconds: number) => {
    const found = held(queueUrl, receiptHandle);
    if (found) hiddenUntil.set(found.messageId, now() + seconds * 1000);
  };
  const queueOfArn = (arn: unknown) => {
    if (typeof arn !== 'string' || !arn.startsWith(ARN_PREFIX)) {
      throw new AwsError(
        'ResourceNotFoundException',
        `The specified queue ARN ${String(arn)} does not exist.`,
      );
    }
    return `${base}/000000000000/${arn.slice(ARN_PREFIX.length)}`;
  };
  /** SQS's receive: visible messages in order, each counted and hidden; redrive happens here. */
  const deliver = (queueUrl: string, max: number, visibilityMs: number) => {
    const at = now();
    const messages = queue(queueUrl);
    const redrive = redrives.get(queueUrl);
    const delivered: { message: StoredMessage; receiptHandle: string }[] = [];
    for (const message of [...messages]) {
      if (delivered.length >= max) break;
      if (isHidden(message, at)) continue;
      if (redrive && message.receiveCount >= redrive.maxReceiveCount) {
        messages.splice(messages.indexOf(message), 1);
        forget(message.messageId);
        queue(redrive.deadLetterQueueUrl).push({ ...message, receiveCount: 0 });
        continue;
      }
      message.receiveCount += 1;
      hiddenUntil.set(message.messageId, at + visibilityMs);
      const receiptHandle = randomUUID();
      receipts.set(receiptHandle, message.messageId);
      latestReceipt.set(message.messageId, receiptHandle);
      delivered.push({ message, receiptHandle });
    }
    return delivered;
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
      const delivered = deliver(
        String(input.QueueUrl),
        Number(input.MaxNumberOfMessages ?? 1),
        Number(input.VisibilityTimeout ?? 30) * 1000,
      );
      return [
        200,
        {
          Messages: delivered.map(({ message, receiptHandle }) => ({
            MessageId: message.messageId,
            ReceiptHandle: receiptHandle,
            Body: message.body,
            MD5OfBody: createHash('md5').update(message.body).digest('hex'),
            MessageAttributes: message.attributes,
          })),
        },
      ];
    },
    'AmazonSQS.DeleteMessage': (input) => {
      remove(String(input.QueueUrl), String(input.ReceiptHandle));
      return [200, {}];
    },
    'AmazonSQS.DeleteMessageBatch': (input) => {
      const entries = input.Entries as { Id: string; ReceiptHandle: string }[];
      for (const entry of entries) remove(String(input.QueueUrl), entry.ReceiptHandle);
      return [200, { Successful: entries.map((entry) => ({ Id: entry.Id })), Failed: [] }];
    },
    'AmazonSQS.ChangeMessageVisibility': (input) => {
      setVisibility(String(input.QueueUrl), String(input.ReceiptHandle), Number(input.VisibilityTimeout));
      return [200, {}];
    },
    'AmazonSQS.ChangeMessageVisibilityBatch': (input) => {
      const entries = input.Entries as { Id: string; ReceiptHandle: string; VisibilityTimeout: number }[];
      for (const entry of entries) {
        setVisibility(String(input.QueueUrl), entry.ReceiptHandle, Number(entry.VisibilityTimeout));
      }
      return [200, { Successful: entries.map((entry) => ({ Id: entry.Id })), Failed: [] }];
    },
    // Without DestinationArn SQS moves each message back to its original queue, which this fake
    // does not track, so it insists on one.
    'AmazonSQS.StartMessageMoveTask': (input) => {
      const sourceArn = String(input.SourceArn);
      const destinationArn = String(input.DestinationArn);
      const source = queue(queueOfArn(input.SourceArn));
      const destination = queueOfArn(input.DestinationArn);
      const failureReason = nextMoveFailure;
      nextMoveFailure = undefined;
      const toMove = source.length;
      const moving = source.splice(0, failureReason ? Math.floor(toMove / 2) : toMove);
      for (const message of moving) {
        forget(message.messageId);
        store(destination, message.body, message.attributes);
      }
      const handle = Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn })).toString('base64');
      moveTasks.unshift({
        handle,
        sourceArn,
        destinationArn,
        toMove,
        moved: moving.length,
        failureReason,
        startedAt: now(),
        listed: 0,
      });
      return [200, { TaskHandle: handle }];
    },
    'AmazonSQS.ListMessageMoveTasks': (input) => {
      const max = Number(input.MaxResults ?? 1);
      const results = moveTasks
        .filter((task) => task.sourceArn === String(input.SourceArn))
        .slice(0, max)
        .map((task) => {
          task.listed += 1;
          const running = task.listed === 1;
          const status = running ? 'RUNNING' : task.failureReason ? 'FAILED' : 'COMPLETED';
          return {
            // SQS returns the handle only for a RUNNING task (ListMessageMoveTasksResultEntry).
            ...(running ? { TaskHandle: task.handle } : {}),
            Status: status,
            SourceArn: task.sourceArn,
            DestinationArn: task.destinationArn,
            ApproximateNumberOfMessagesMoved: running ? Math.floor(task.toMove / 2) : task.moved,
            ApproximateNumberOfMessagesToMove: task.toMove,
            ...(status === 'FAILED' ? { FailureReason: task.failureReason } : {}),
            StartedTimestamp: task.startedAt,
          };
        });
      return [200, { Results: results }];
    },
    'AmazonSQS.GetQueueAttributes': (input) => {
      const url = String(input.QueueUrl);
      return [
        200,
        {
          Attributes: {
            QueueArn: `arn:aws:sqs:eu-west-1:000000000000:${url.split('/').pop()}`,
            // As SQS counts them: visible only; received and not yet deleted is "not visible".
            ApproximateNumberOfMessages: String(queue(url).filter((m) => !isHidden(m, now())).length),
            ApproximateNumberOfMessagesNotVisible: String(
              queue(url).filter((m) => isHidden(m, now())).length,
            ),
            ApproximateNumberOfMessagesDelayed: '0',
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
        { ARN: id, Name: id, SecretString: value, VersionId: randomUUID(), CreatedDate: now() / 1000 },
      ];
    },
    'DynamoDB_20120810.GetItem': (input) => {
      const item = table(String(input.TableName)).get(keyOf(input.Key));
      return [200, item ? { Item: item } : {}];
    },
    'DynamoDB_20120810.BatchGetItem': (input) => {
      const requests = (input.RequestItems ?? {}) as Record<string, { Keys?: unknown[] }>;
      const responses = Object.fromEntries(
        Object.entries(requests).map(([name, request]) => [
          name,
          (request.Keys ?? [])
            .map((key) => table(name).get(keyOf(key)))
            .filter((item): item is Item => item !== undefined),
        ]),
      );
      return [200, { Responses: responses, UnprocessedKeys: {} }];
    },
    // Unconditional only: a condition would be a ValidationException rather than ignored.
    'DynamoDB_20120810.PutItem': (input) => {
      if (input.ConditionExpression !== undefined)
        throw invalid('ConditionExpression is not supported by this fake');
      const item = (input.Item ?? {}) as Item;
      table(String(input.TableName)).set(keyOf({ [KEY]: item[KEY] }), item);
      return [200, {}];
    },
    'DynamoDB_20120810.UpdateItem': (input) => {
      const items = table(String(input.TableName));
      const pk = keyOf(input.Key);
      const updated = updateItem(items.get(pk), { pk: { S: pk } }, input);
      items.set(pk, updated);
      return [200, input.ReturnValues === 'ALL_NEW' ? { Attributes: updated } : {}];
    },
    // One page in insertion order. As DynamoDB: `Limit` counts items read, the filter then drops some
    // (`Count` after it, `ScannedCount` before), and the projection keeps only the attributes named.
    'DynamoDB_20120810.Scan': (input) => {
      for (const unsupported of ['AttributesToGet', 'ScanFilter', 'Segment']) {
        if (input[unsupported] !== undefined) throw invalid(`${unsupported} is not supported by this fake`);
      }
      const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
      const values = (input.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
      const used = new Set<string>();
      let filter: Condition | undefined;
      if (input.FilterExpression !== undefined) {
        const parser = new Parser(String(input.FilterExpression), names, values, used);
        filter = parser.condition();
        if (!parser.done()) throw parser.error('unexpected token');
      }
      let projection: string[] | undefined;
      if (input.ProjectionExpression !== undefined) {
        const parser = new Parser(String(input.ProjectionExpression), names, values, used);
        projection = [];
        do projection.push(parser.path());
        while (parser.accept(','));
        if (!parser.done()) throw parser.error('unexpected token');
      }
      for (const placeholder of [...Object.keys(names), ...Object.keys(values)]) {
        if (!used.has(placeholder))
          throw invalid(`Value provided in expression attributes unused: ${placeholder}`);
      }
      const all = [...table(String(input.TableName)).entries()];
      const start =
        input.ExclusiveStartKey === undefined
          ? 0
          : all.findIndex(([pk]) => pk === keyOf(input.ExclusiveStartKey)) + 1;
      const page = all.slice(start, start + Number(input.Limit ?? all.length));
      const more = start + page.length < all.length;
      const kept = page
        .map(([, item]) => item)
        .filter((item) => filter === undefined || evaluate(filter, item))
        .map((item) =>
          projection === undefined
            ? item
            : Object.fromEntries(projection.flatMap((name) => (item[name] ? [[name, item[name]]] : []))),
        );
      return [
        200,
        {
          Items: kept,
          Count: kept.length,
          ScannedCount: page.length,
          ...(more && page.length > 0 ? { LastEvaluatedKey: { [KEY]: { S: page.at(-1)?.[0] } } } : {}),
        },
      ];
    },
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    // CloudFormation speaks AWS Query: a form body naming the action, answered in XML.
    const query = target ? undefined : new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const action = query ? (query.get('Action') ?? '') : (target.split('.').pop() ?? '');
    calls.push({ action, at: now() });
    // JSON 1.0 suits all three services; no x-amz-crc32, so the DynamoDB client has nothing to check.
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
      if (query) {
        res.writeHead(fault.status, { 'content-type': 'text/xml' });
        return res.end(queryError('Receiver', 'InternalError', 'injected fault'));
      }
      return reply(fault.status, { __type: 'ServiceUnavailable', message: 'injected fault' });
    }
    if (query) {
      const [status, xml] =
        action === 'Publish' ? publish(query, topics, published) : describeStacks(query, stacks);
      res.writeHead(status, { 'content-type': 'text/xml' });
      return res.end(xml);
    }
    const handle = actions[target];
    if (!handle) return reply(400, { __type: 'UnknownOperationException', message: target });
    try {
      const [status, body] = handle(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      reply(status, body);
    } catch (error) {
      if (error instanceof AwsError)
        return reply(error.status, { __type: error.type, message: error.message });
      reply(500, { __type: 'InternalFailure', message: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    queueUrl: (name) => `${base}/000000000000/${name}`,
    messages: (queueUrl) => queue(queueUrl),
    receive: (queueUrl, max = 10) => {
      const taken = queue(queueUrl).splice(0, max);
      return {
        Records: taken.map((message) => {
          message.receiveCount += 1;
          return toRecord(message, queueUrl, randomUUID());
        }),
      };
    },
    setRedrive: (queueUrl, policy) => redrives.set(queueUrl, policy),
    poll: (queueUrl, { max, visibilityTimeoutSeconds }) => ({
      Records: deliver(queueUrl, max, visibilityTimeoutSeconds * 1000).map(({ message, receiptHandle }) =>
        toRecord(message, queueUrl, receiptHandle),
      ),
    }),
    ack: (queueUrl, receiptHandles) => {
      for (const receiptHandle of receiptHandles) remove(queueUrl, receiptHandle);
    },
    visibleCount: (queueUrl) => queue(queueUrl).filter((message) => !isHidden(message, now())).length,
    inFlightCount: (queueUrl) => queue(queueUrl).filter((message) => isHidden(message, now())).length,
    items: table,
    putSecret: (id, value) => secrets.set(id, value),
    putStack: (name, outputs) => stacks.set(name, outputs),
    createTopic: (name) => {
      const arn = `arn:aws:sns:eu-west-1:000000000000:${name}`;
      topics.add(arn);
      return arn;
    },
    published,
    failNext: (action, n, status = 500) => faults.set(action, { left: n, status }),
    failMoveTask: (reason) => {
      nextMoveFailure = reason;
    },
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const xmlText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const queryError = (type: 'Sender' | 'Receiver', code: string, message: string) =>
  `<ErrorResponse><Error><Type>${type}</Type><Code>${code}</Code><Message>${xmlText(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;

/**
 * SNS Publish to a topic made with `createTopic`, answered as SNS does
 * (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html): a MessageId, or 404 NotFound for a
 * topic that does not exist, 400 InvalidParameter for a subject SNS would refuse.
 */
function publish(query: URLSearchParams, topics: Set<string>, published: Published[]): [number, string] {
  const topicArn = query.get('TopicArn') ?? '';
  const subject = query.get('Subject') ?? undefined;
  if (!topics.has(topicArn)) return [404, queryError('Sender', 'NotFound', 'Topic does not exist')];
  if (subject !== undefined && (subject.length >= 100 || /\p{Cc}/u.test(subject))) {
    return [400, queryError('Sender', 'InvalidParameter', 'Invalid parameter: Subject')];
  }
  published.push({ topicArn, subject, message: query.get('Message') ?? '' });
  return [
    200,
    `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
  ];
}

/** CloudFormation DescribeStacks by name, in the AWS Query XML the SDK parses; nothing else. */
function describeStacks(
  query: URLSearchParams,
  stacks: Map<string, Record<string, string>>,
): [number, string] {
  const name = query.get('StackName') ?? '';
  const outputs = stacks.get(name);
  const error = (code: string, message: string): [number, string] => [
    400,
    queryError('Sender', code, message),
  ];
  if (query.get('Action') !== 'DescribeStacks') return error('InvalidAction', 'not supported by this fake');
  if (!outputs) return error('ValidationError', `Stack with id ${name} does not exist`);
  const members = Object.entries(outputs)
    .map(
      ([key, value]) =>
        `<member><OutputKey>${xmlText(key)}</OutputKey><OutputValue>${xmlText(value)}</OutputValue></member>`,
    )
    .join('');
  return [
    200,
    `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>${xmlText(name)}</StackName><StackId>arn:aws:cloudformation:eu-west-1:000000000000:stack/${xmlText(name)}/1</StackId><CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>UPDATE_COMPLETE</StackStatus><Outputs>${members}</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></DescribeStacksResponse>`,
  ];
}

/** The record as delivered; the caller has already counted this receive. */
function toRecord(message: StoredMessage, queueUrl: string, receiptHandle: string): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle,
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

// --- DynamoDB: the one key schema in use (string partition key `pk`) and a strict subset of the
// expression language. Whatever falls outside it is a ValidationException, so a test fails loudly
// rather than passing on semantics DynamoDB would not have.

const KEY = 'pk';

function keyOf(key: unknown): string {
  const attributes = (key ?? {}) as Record<string, { S?: unknown }>;
  const names = Object.keys(attributes);
  const value = attributes[KEY]?.S;
  if (names.length !== 1 || typeof value !== 'string') {
    throw invalid('The provided key element does not match the schema');
  }
  return value;
}

type Token =
  | { kind: 'name' | 'value' | 'word'; text: string }
  | { kind: 'punct'; text: '(' | ')' | ',' | '=' | '<>' | '<' | '<=' | '>' | '>=' };

const TOKEN =
  /\s*(?:(#[A-Za-z0-9_]+)|(:[A-Za-z0-9_]+)|([A-Za-z_][A-Za-z0-9_]*)|(<>|<=|>=|[()=<>,]))|\s*(\S)/y;

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const match = TOKEN.exec(expression);
    if (!match) break; // only trailing whitespace is left
    const [, name, value, word, punct, other] = match;
    if (other !== undefined) throw invalid(`Invalid expression: unexpected "${other}" in "${expression}"`);
    if (name !== undefined) tokens.push({ kind: 'name', text: name });
    else if (value !== undefined) tokens.push({ kind: 'value', text: value });
    else if (word !== undefined) tokens.push({ kind: 'word', text: word });
    else if (punct !== undefined) tokens.push({ kind: 'punct', text: punct as '(' });
  }
  return tokens;
}

type Operand = { kind: 'path'; name: string } | { kind: 'value'; value: AttributeValue };
type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';
type Condition =
  | { kind: 'or' | 'and'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition }
  | { kind: 'exists' | 'not_exists'; name: string }
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand };

const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const KEYWORDS = new Set(['SET', 'REMOVE', 'ADD', 'DELETE', 'AND', 'OR', 'NOT']);

/** Reads one expression against the request's placeholders, recording which placeholders it used. */
class Parser {
  private position = 0;
  private readonly tokens: Token[];

  constructor(
    private readonly expression: string,
    private readonly names: Record<string, string>,
    private readonly values: Record<string, AttributeValue>,
    private readonly used: Set<string>,
  ) {
    this.tokens = tokenize(expression);
  }

  done(): boolean {
    return this.position >= this.tokens.length;
  }

  error(what: string): AwsError {
    const near = this.tokens[this.position]?.text ?? 'end of expression';
    return invalid(`Invalid expression "${this.expression}": ${what} near "${near}"`);
  }

  peekKeyword(): string | undefined {
    const token = this.tokens[this.position];
    return token?.kind === 'word' && KEYWORDS.has(token.text.toUpperCase())
      ? token.text.toUpperCase()
      : undefined;
  }

  accept(text: string): boolean {
    const token = this.tokens[this.position];
    if (!token) return false;
    const matches =
      token.kind === 'word'
        ? token.text.toUpperCase() === text
        : token.kind === 'punct' && token.text === text;
    if (matches) this.position += 1;
    return matches;
  }

  expect(text: string): void {
    if (!this.accept(text)) throw this.error(`expected "${text}"`);
  }

  path(): string {
    const token = this.tokens[this.position];
    if (token?.kind === 'name') {
      const name = this.names[token.text];
      if (name === undefined) {
        throw invalid(`An expression attribute name used in the document path is not defined: ${token.text}`);
      }
      this.used.add(token.text);
      this.position += 1;
      return name;
    }
    if (token?.kind === 'word' && !KEYWORDS.has(token.text.toUpperCase())) {
      this.position += 1;
      return token.text;
    }
    throw this.error('expected an attribute path');
  }

  operand(): Operand {
    const token = this.tokens[this.position];
    if (token?.kind !== 'value') return { kind: 'path', name: this.path() };
    const value = this.values[token.text];
    if (value === undefined)
      throw invalid(`An expression attribute value used in expression is not defined: ${token.text}`);
    this.used.add(token.text);
    this.position += 1;
    return { kind: 'value', value };
  }

  // Precedence as DynamoDB: NOT binds tighter than AND, AND tighter than OR.
  condition(): Condition {
    let left = this.conjunction();
    while (this.accept('OR')) left = { kind: 'or', left, right: this.conjunction() };
    return left;
  }

  private conjunction(): Condition {
    let left = this.negation();
    while (this.accept('AND')) left = { kind: 'and', left, right: this.negation() };
    return left;
  }

  private negation(): Condition {
    if (this.accept('NOT')) return { kind: 'not', operand: this.negation() };
    if (this.accept('(')) {
      const inner = this.condition();
      this.expect(')');
      return inner;
    }
    const token = this.tokens[this.position];
    const next = this.tokens[this.position + 1];
    if (token?.kind === 'word' && next?.kind === 'punct' && next.text === '(') {
      const kind =
        token.text === 'attribute_exists'
          ? 'exists'
          : token.text === 'attribute_not_exists'
            ? 'not_exists'
            : undefined;
      if (!kind) throw this.error(`unsupported function ${token.text}`);
      this.position += 2;
      const name = this.path();
      this.expect(')');
      return { kind, name };
    }
    const left = this.operand();
    const op = this.tokens[this.position];
    if (op?.kind !== 'punct' || !COMPARATORS.has(op.text)) throw this.error('expected a comparison');
    this.position += 1;
    return { kind: 'compare', op: op.text as Comparator, left, right: this.operand() };
  }
}

function evaluate(condition: Condition, item: Item): boolean {
  switch (condition.kind) {
    case 'or':
      return evaluate(condition.left, item) || evaluate(condition.right, item);
    case 'and':
      return evaluate(condition.left, item) && evaluate(condition.right, item);
    case 'not':
      return !evaluate(condition.operand, item);
    case 'exists':
      return item[condition.name] !== undefined;
    case 'not_exists':
      return item[condition.name] === undefined;
    case 'compare':
      return compare(condition.op, resolve(condition.left, item), resolve(condition.right, item));
  }
}

const resolve = (operand: Operand, item: Item) =>
  operand.kind === 'value' ? operand.value : (item[operand.name] as AttributeValue | undefined);

function compare(
  op: Comparator,
  left: AttributeValue | undefined,
  right: AttributeValue | undefined,
): boolean {
  if (left === undefined || right === undefined) return false;
  if (op === '=' || op === '<>') {
    const equal = JSON.stringify(left) === JSON.stringify(right);
    return op === '=' ? equal : !equal;
  }
  let order: number;
  if (left.N !== undefined && right.N !== undefined) order = Number(left.N) - Number(right.N);
  else if (left.S !== undefined && right.S !== undefined) {
    order = Buffer.compare(Buffer.from(left.S), Buffer.from(right.S)); // DynamoDB orders by UTF-8 bytes
  } else return false;
  if (op === '<') return order < 0;
  if (op === '<=') return order <= 0;
  if (op === '>') return order > 0;
  return order >= 0;
}

/** Applies one UpdateItem request to the stored item (or to none) and returns the item it leaves. */
function updateItem(current: Item | undefined, key: Item, input: Record<string, unknown>): Item {
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, AttributeValue>;
  const used = new Set<string>();
  const before: Item = current ?? {};

  for (const legacy of ['AttributeUpdates', 'Expected', 'ConditionalOperator']) {
    if (input[legacy] !== undefined) throw invalid(`${legacy} is not supported by this fake`);
  }
  const returnValues = input.ReturnValues ?? 'NONE';
  if (returnValues !== 'NONE' && returnValues !== 'ALL_NEW') {
    throw invalid(`ReturnValues ${String(returnValues)} is not supported by this fake`);
  }
  if (typeof input.UpdateExpression !== 'string') throw invalid('UpdateExpression is required by this fake');

  const sets: { name: string; operand: Operand }[] = [];
  const removes: string[] = [];
  const update = new Parser(input.UpdateExpression, names, values, used);
  const clauses = new Set<string>();
  while (!update.done()) {
    const clause = update.peekKeyword();
    if ((clause !== 'SET' && clause !== 'REMOVE') || clauses.has(clause))
      throw update.error('expected SET or REMOVE');
    clauses.add(clause);
    update.accept(clause);
    do {
      const name = update.path();
      if (clause === 'SET') {
        update.expect('=');
        sets.push({ name, operand: update.operand() });
      } else removes.push(name);
    } while (update.accept(','));
  }
  if (clauses.size === 0) throw update.error('expected SET or REMOVE');
  const targets = [...sets.map((set) => set.name), ...removes];
  if (new Set(targets).size !== targets.length) throw invalid('Two document paths overlap with each other');
  if (targets.includes(KEY))
    throw invalid(`Cannot update attribute ${KEY}. This attribute is part of the key`);

  let condition: Condition | undefined;
  if (input.ConditionExpression !== undefined) {
    const parser = new Parser(String(input.ConditionExpression), names, values, used);
    condition = parser.condition();
    if (!parser.done()) throw parser.error('unexpected token');
  }
  for (const placeholder of [...Object.keys(names), ...Object.keys(values)]) {
    if (!used.has(placeholder))
      throw invalid(`Value provided in expression attributes unused: ${placeholder}`);
  }

  if (condition && !evaluate(condition, before)) {
    throw new AwsError(`${DYNAMODB_ERROR}ConditionalCheckFailedException`, 'The conditional request failed');
  }
  const after: Item = { ...before, ...key };
  for (const { name, operand } of sets) {
    const value = resolve(operand, before);
    if (value === undefined) {
      throw invalid('The provided expression refers to an attribute that does not exist in the item');
    }
    after[name] = value;
  }
  for (const name of removes) delete after[name];
  return after;
}
