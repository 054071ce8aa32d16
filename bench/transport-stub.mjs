// The SDK's transport stubbed: `https.request` and `http.request` (what the SDK's NodeHttpHandler
// calls on the `node:https` / `node:http` default exports) answer in this process, so a receiver's CPU time is its own and
// the SDK's (middleware, endpoint, signing, serialisation, response parsing and checksum checks) with
// no socket, no HTTP parsing and no server. The answers are what the services send for the calls the
// receivers make (AWS JSON 1.0, as fake-aws answers them); anything else is a 400 so a new call shows up.
import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { Readable } from 'node:stream';

/** Requests answered so far, by `x-amz-target`. */
export const stubCalls = new Map();

const md5 = (text) => createHash('md5').update(text).digest('hex');

/** The answer to one AWS JSON 1.0 call, by its `x-amz-target`. */
function answer(target, input, secrets) {
  switch (target) {
    case 'secretsmanager.GetSecretValue': {
      const text = secrets.get(input.SecretId);
      return text === undefined
        ? [400, { __type: 'ResourceNotFoundException', message: 'no such secret' }]
        : [200, { ARN: input.SecretId, Name: input.SecretId, SecretString: text }];
    }
    case 'AmazonSQS.SendMessage':
      return [200, { MessageId: randomUUID(), MD5OfMessageBody: md5(input.MessageBody) }];
    case 'AmazonSQS.SendMessageBatch':
      return [
        200,
        {
          Successful: input.Entries.map((entry) => ({
            Id: entry.Id,
            MessageId: randomUUID(),
            MD5OfMessageBody: md5(entry.MessageBody),
          })),
          Failed: [],
        },
      ];
    // Every bench delivery carries distinct bytes: none was seen before.
    case 'DynamoDB_20120810.GetItem':
    case 'DynamoDB_20120810.PutItem':
      return [200, {}];
    default:
      return [400, { __type: 'UnknownOperationException', message: target }];
  }
}

// What the handler touches on a socket: it is never connecting, so no timer waits for it.
const socket = {
  connecting: false,
  setTimeout() {},
  setKeepAlive() {},
  on() {},
  once() {},
  removeListener() {},
  destroy() {},
};

class StubRequest extends EventEmitter {
  socket = socket;
  #chunks = [];
  constructor(options, onResponse, secrets) {
    super();
    this.options = options;
    this.onResponse = onResponse;
    this.secrets = secrets;
  }
  write(chunk) {
    this.#chunks.push(Buffer.from(chunk));
    return true;
  }
  end(chunk) {
    if (chunk) this.write(chunk);
    const headers = this.options.headers ?? {};
    const target = headers['x-amz-target'] ?? headers['X-Amz-Target'] ?? '';
    const input = JSON.parse(Buffer.concat(this.#chunks).toString('utf8') || '{}');
    stubCalls.set(target, (stubCalls.get(target) ?? 0) + 1);
    const [status, body] = answer(target, input, this.secrets);
    // Answered on a later turn, as a socket would: the SDK's promise chain runs as it does for real.
    setImmediate(() => {
      const response = Readable.from([Buffer.from(JSON.stringify(body))]);
      response.statusCode = status;
      response.statusMessage = status === 200 ? 'OK' : 'Bad Request';
      response.headers = {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': randomUUID(),
      };
      response.complete = true;
      this.onResponse?.(response);
      this.emit('response', response);
      this.emit('close');
    });
    return this;
  }
  destroy() {
    return this;
  }
  setTimeout() {
    return this;
  }
}

/** From now on every HTTP(S) request in this process is answered by the stub; `secrets` by id. */
export function stubTransport(secrets) {
  const known = new Map(Object.entries(secrets));
  http.request = (options, onResponse) => new StubRequest(options, onResponse, known);
  https.request = http.request;
  syncBuiltinESMExports();
}
