import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { buildReceiver, type Receiver } from '../app/build-receiver.js';
import { ReceiverEnv, readEnvironment } from '../app/environment.js';
import { createDeliveryMemory } from '../aws/delivery-memory.js';
import { createChangeQueue } from '../aws/queue.js';
import { createSecretReader, webhookSecretFrom } from '../aws/secret-reader.js';
import { configFromEnv } from '../config/load.js';
import { logger } from '../observability/logger.js';
import { createPowertoolsMetrics } from '../observability/powertools-metrics.js';
import { problem } from '../service/receive.js';

const metrics = createPowertoolsMetrics({ log: logger });

// Built on first use, then kept warm: a bad config or a missing variable answers 500 (and is logged)
// rather than failing every cold start with a bare gateway error.
let receiver: Receiver | undefined;
function awsReceiver(): Receiver {
  if (receiver) return receiver;
  const config = configFromEnv();
  const env = readEnvironment(ReceiverEnv);
  // A forced refresh (after a failed signature) costs at most one call per 30 s per container.
  const secrets = createSecretReader({
    ttlMs: config.secretCacheTtlSeconds * 1000,
    minRefreshIntervalMs: 30_000,
  });
  const queue = createChangeQueue({ queueUrl: env.QUEUE_URL });
  receiver = buildReceiver({
    config,
    webhookSecret: webhookSecretFrom(secrets, env.WEBHOOK_SECRET_ARN),
    enqueue: (changes) => queue.send(changes),
    deliveries: createDeliveryMemory({ tableName: env.APPLIED_TABLE }),
    now: Date.now,
    log: logger,
    metrics,
  });
  return receiver;
}

export const handler = async (
  event: APIGatewayProxyEvent,
  context?: Context,
): Promise<APIGatewayProxyResult> => {
  if (context) logger.addContext(context);
  let response: Awaited<ReturnType<Receiver['receive']>>;
  try {
    const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    const request = { provider: providerOf(event), body, header: headerGetter(event) };
    response = await awsReceiver().receive(request);
  } catch (error) {
    logger.error('receiver is misconfigured', { error });
    metrics.count('DeliveriesRejected', 1, { name: 'reason', value: 'misconfigured' });
    response = problem(500, 'misconfigured', 'the receiver is misconfigured; retry later');
  } finally {
    metrics.publish();
  }
  return { statusCode: response.status, headers: response.headers, body: response.body };
};

/**
 * Each enabled provider has its own literal resource, `/webhooks/bamboohr` (infra/webhook-api.ts: it gets its
 * own throttle), which carries no path parameter; any other name arrives as `/webhooks/{provider}`.
 */
function providerOf(event: APIGatewayProxyEvent): string | undefined {
  return event.pathParameters?.provider ?? LITERAL_WEBHOOK_RESOURCE.exec(event.resource ?? '')?.[1];
}
const LITERAL_WEBHOOK_RESOURCE = /^\/webhooks\/([a-z0-9-]+)$/;

/** Case-insensitive; the single-value map (API Gateway fills both) wins over the multi-value one. */
function headerGetter(event: APIGatewayProxyEvent) {
  const headers = new Map<string, string>();
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (values?.length) headers.set(name.toLowerCase(), values.join(', '));
  }
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers.set(name.toLowerCase(), value);
  }
  return (name: string) => headers.get(name.toLowerCase());
}
