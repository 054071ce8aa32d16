import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import type { Construct } from 'constructs';
import { ConfigError } from '../lambda/config/load.js';
import type { Config } from '../lambda/config/schema.js';
import { ProviderName } from '../lambda/core/employee-change.js';
import { SERVICE_NAME } from '../lambda/observability/service-name.js';
import { OperatorAlarms } from './alarms.js';
import { WebhookApi } from './api.js';
import { AppliedTable } from './applied-table.js';
import {
  HEYMARKET_REQUESTS_PER_CALL,
  HEYMARKET_REQUESTS_PER_MINUTE,
  heymarketRequestsPerInvocation,
  MIN_INVOCATION_SECONDS,
  maxConcurrencyFor,
} from './concurrency.js';
import { SyncDashboard } from './dashboard.js';
import { SyncFunction } from './function.js';
import { SyncQueues } from './queues.js';
import { ScheduledReconcile } from './reconcile.js';
import { ScheduledRedrive } from './redrive.js';
import type { ThrottleOverrides } from './throttle.js';

export interface HrSyncStackProps extends StackProps {
  /** The validated configuration; handed to both functions as `HR_SYNC_CONFIG`. */
  config: Config;
  /** Where the config came from, for error messages (e.g. `hr-sync.config.json`). */
  configSource?: string;
  heymarketBaseUrl: string;
  /** Full ARNs of existing secrets; when absent the stack creates empty ones. */
  heymarketSecretArn?: string;
  webhookSecretArn?: string;
  hrisSecretArn?: string;
  /** Context `alarmEmail`, already validated: subscribed to the alarm topic. */
  alarmEmail?: string | undefined;
  /** Context `throttle` and `wafRateLimitPer5Min`, already validated (infra/context.ts). */
  throttle?: ThrottleOverrides | undefined;
  wafRateLimitPer5Min?: number | undefined;
  /** false skips esbuild (template-only tests); the template is the same apart from asset hashes. */
  bundle?: boolean;
}

export const WORKER_BATCH_SIZE = 50;
export const WORKER_BATCHING_WINDOW = Duration.seconds(5);
export const WORKER_TIMEOUT = Duration.seconds(60);
// Personio wants an answer within 3 s; anything slower than this is an outage, not a slow request.
export const RECEIVER_TIMEOUT = Duration.seconds(10);

/**
 * Lambda allows 4 KB of environment per function, names and values together. Beside the config the
 * worker holds the most: eight names (~125 bytes), two secret ARNs and two queue URLs (~130 bytes each
 * once deployed), the applied table's name (~60), the Heymarket base URL and the service name, about
 * 765 bytes; the rest is the config's.
 */
export const MAX_CONFIG_ENV_BYTES = 3_072;

const POWERTOOLS_SERVICE_NAME = SERVICE_NAME;
const handlerPath = (name: string) =>
  fileURLToPath(new URL(`../lambda/handlers/${name}.ts`, import.meta.url));

export class HrSyncStack extends Stack {
  readonly receiver: SyncFunction;
  readonly worker: SyncFunction;
  readonly redrive: ScheduledRedrive;
  readonly reconcile: ScheduledReconcile;
  readonly queues: SyncQueues;
  readonly appliedTable: AppliedTable;
  readonly webhookApi: WebhookApi;
  readonly heymarketSecret: secretsmanager.ISecret;
  readonly webhookSecret: secretsmanager.ISecret;
  readonly hrisSecret: secretsmanager.ISecret;
  readonly maxConcurrency: number;
  readonly operatorAlarms: OperatorAlarms;
  readonly dashboard: SyncDashboard;

  constructor(scope: Construct, id: string, props: HrSyncStackProps) {
    super(scope, id, props);
    // Must precede every child: asset staging reads it to decide whether to run esbuild.
    if (props.bundle === false) this.node.setContext(BUNDLING_STACKS, []);

    const configJson = configEnvironmentValue(props.config, props.configSource ?? 'the configuration');

    this.heymarketSecret = this.secret('HeymarketSecret', props.heymarketSecretArn, {
      description: 'heymarket-hr-sync: Heymarket API secret, {"apiSecretId","apiSecretKey"}',
      whyNoRotation:
        'The Heymarket API secret is issued in the Heymarket app (Settings > Integrations > API) and only a person there can replace it; a rotation Lambda cannot. Heymarket allows two secrets at once, so the operator rotates without downtime and the worker re-reads the secret on a 401.',
    });
    this.webhookSecret = this.secret('WebhookSecret', props.webhookSecretArn, {
      description:
        'heymarket-hr-sync: webhook signing secrets, {"standard":"whsec_..."} (one key per provider)',
      whyNoRotation:
        "Webhook signing secrets are issued by each HR system in its webhook settings and only a person there can replace them; a rotation Lambda cannot change the sender's copy. The receiver re-reads the secret after a failed signature.",
    });
    this.hrisSecret = this.secret('HrisSecret', props.hrisSecretArn, {
      description:
        'heymarket-hr-sync: HR system API credentials, {"bamboohr":{"subdomain","apiKey"},"hibob":{...},"merge":{...},"personio":{...}}',
      whyNoRotation:
        "HR system API credentials (BambooHR API key, HiBob service user token, Merge account token, Personio client secret) are issued in each HR system's admin settings and only a person there can replace them; a rotation Lambda cannot. The worker re-reads the secret after secretCacheTtlSeconds, so a new value needs no redeploy.",
    });

    this.queues = new SyncQueues(this, 'Queues', {
      workerTimeout: WORKER_TIMEOUT,
      maxBatchingWindow: WORKER_BATCHING_WINDOW,
    });
    const { queue, deadLetterQueue } = this.queues;
    this.appliedTable = new AppliedTable(this, 'Applied');

    this.receiver = new SyncFunction(this, 'Receiver', {
      entry: handlerPath('receiver'),
      description: 'heymarket-hr-sync: verify a webhook, queue its changes, answer 202',
      timeout: RECEIVER_TIMEOUT,
      // More memory is more CPU: a faster cold start keeps the first answer inside Personio's 3 s.
      memorySize: 1024,
      environment: {
        QUEUE_URL: queue.queueUrl,
        WEBHOOK_SECRET_ARN: this.webhookSecret.secretArn,
        // For its `delivery#` items only (see grantReceiver): a replayed delivery queues nothing.
        APPLIED_TABLE: this.appliedTable.table.tableName,
        HR_SYNC_CONFIG: configJson,
        POWERTOOLS_SERVICE_NAME,
      },
    });
    queue.grantSendMessages(this.receiver.function);
    this.webhookSecret.grantRead(this.receiver.function);
    this.appliedTable.grantReceiver(this.receiver.function);

    this.worker = new SyncFunction(this, 'Worker', {
      entry: handlerPath('worker'),
      description:
        'heymarket-hr-sync: enrich queued changes from the HR system, apply them to Heymarket users',
      timeout: WORKER_TIMEOUT,
      memorySize: 512,
      environment: {
        HEYMARKET_SECRET_ARN: this.heymarketSecret.secretArn,
        HEYMARKET_BASE_URL: props.heymarketBaseUrl,
        DLQ_URL: deadLetterQueue.queueUrl,
        // To hide a retried message for its backoff (ChangeMessageVisibility, granted with the event source).
        QUEUE_URL: queue.queueUrl,
        HRIS_SECRET_ARN: this.hrisSecret.secretArn,
        APPLIED_TABLE: this.appliedTable.table.tableName,
        HR_SYNC_CONFIG: configJson,
        POWERTOOLS_SERVICE_NAME,
      },
    });
    this.heymarketSecret.grantRead(this.worker.function);
    // Thin events (BambooHR, HiBob, Personio) are filled in from the HR system's API by the worker only;
    // the receiver, which faces the internet, never holds these credentials.
    this.hrisSecret.grantRead(this.worker.function);
    // Permanent failures go to the DLQ directly, with their reason (Powertools batch cannot yet:
    // https://github.com/aws-powertools/powertools-lambda-typescript/issues/4478).
    deadLetterQueue.grantSendMessages(this.worker.function);
    // Ordering across batches and replays: conditional UpdateItem on its own table, nothing else.
    this.appliedTable.grantWorker(this.worker.function);

    // Heymarket allows 500 requests/min (https://developers.heymarket.com/rate-limits). Worst case per
    // invocation with batch 50 and
    // chunk 50: (1 users/get + 1 users/update) × (3 attempts + 1 re-send after a 401) = 8 requests, in
    // an estimated 2 s or more, so one worker makes ≤ 8 × 60 / 2 = 240/min and floor(500 / 240) = 2
    // may run at once: peak 480/min, 120/min when nothing is retried. See infra/concurrency.ts.
    this.maxConcurrency = maxConcurrencyFor({
      budgetPerMinute: HEYMARKET_REQUESTS_PER_MINUTE,
      requestsPerInvocation: heymarketRequestsPerInvocation({
        batchSize: WORKER_BATCH_SIZE,
        chunkSize: props.config.heymarket.chunkSize,
        requestsPerCall: HEYMARKET_REQUESTS_PER_CALL,
      }),
      minInvocationSeconds: MIN_INVOCATION_SECONDS,
    });
    this.worker.function.addEventSource(
      new SqsEventSource(queue, {
        batchSize: WORKER_BATCH_SIZE,
        maxBatchingWindow: WORKER_BATCHING_WINDOW,
        reportBatchItemFailures: true,
        // On the event source, not reserved concurrency: reserved concurrency throttles invocations
        // the poller already made, which burns receives and dead-letters healthy messages.
        maxConcurrency: this.maxConcurrency,
      }),
    );

    // Only this function may read and delete on the DLQ; `sqs:StartMessageMoveTask` is for the
    // operator's CLI (README, Operations: the DLQ) and granted to no function.
    const maxReplays: unknown = this.node.tryGetContext('maxReplays');
    this.redrive = new ScheduledRedrive(this, 'Redrive', {
      entry: handlerPath('scheduler'),
      queue,
      deadLetterQueue,
      schedule: this.node.tryGetContext('redriveSchedule'),
      maxReplays: maxReplays === undefined ? undefined : Number(maxReplays),
      environment: { POWERTOOLS_SERVICE_NAME },
    });

    // The same function, on its own schedule: compares the HR systems with Heymarket, enqueues what differs.
    this.reconcile = new ScheduledReconcile(this, 'Reconcile', {
      fn: this.redrive.fn,
      queue,
      table: this.appliedTable.table,
      heymarketSecret: this.heymarketSecret,
      hrisSecret: this.hrisSecret,
      heymarketBaseUrl: props.heymarketBaseUrl,
      configJson,
      schedule: this.node.tryGetContext('reconcileSchedule'),
    });

    this.webhookApi = new WebhookApi(this, 'Webhooks', {
      receiver: this.receiver.function,
      providers: ProviderName.options.filter((provider) => props.config.providers[provider].enabled),
      throttle: props.throttle,
      wafRateLimitPer5Min: props.wafRateLimitPer5Min,
    });

    // Every alarm to one topic; what the functions count on one dashboard (lambda/observability/metrics.ts).
    const stage = this.webhookApi.api.deploymentStage;
    this.operatorAlarms = new OperatorAlarms(this, 'Alarms', {
      worker: this.worker.function,
      stage,
      alarms: [
        this.queues.dlqAlarm,
        this.queues.oldestMessageAlarm,
        this.redrive.failedInvocationsAlarm,
        this.reconcile.failedInvocationsAlarm,
        this.reconcile.capExceededAlarm,
        this.reconcile.failuresAlarm,
      ],
      alarmEmail: props.alarmEmail,
    });
    this.dashboard = new SyncDashboard(this, 'Dashboard', {
      receiver: this.receiver.function,
      worker: this.worker.function,
      workerTimeout: WORKER_TIMEOUT,
      stage,
      queue,
      deadLetterQueue,
      alarms: this.operatorAlarms.alarms,
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'Every alarm notifies this SNS topic: subscribe to it (or deploy with -c alarmEmail=...).',
      value: this.operatorAlarms.topic.topicArn,
    });
    new CfnOutput(this, 'DashboardUrl', {
      description: 'The CloudWatch dashboard of the sync: alarms, deliveries, batches, Heymarket, queues.',
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards:name=${this.dashboard.dashboard.dashboardName}`,
    });

    const webhooksUrl = `${this.webhookApi.api.url}webhooks/`;
    new CfnOutput(this, 'WebhookUrl', {
      description:
        'Base of every webhook URL: append the provider (standard, bamboohr, merge, hibob, personio).',
      value: webhooksUrl,
    });
    // Only enabled providers get one: a disabled provider answers 404, so its URL is of no use to anyone.
    for (const provider of ProviderName.options) {
      if (!props.config.providers[provider].enabled) continue;
      new CfnOutput(this, webhookUrlOutputId(provider), {
        description: `Give this to ${PROVIDER_TITLES[provider]} as its webhook URL.`,
        value: `${webhooksUrl}${provider}`,
      });
    }
    new CfnOutput(this, 'QueueUrl', { value: queue.queueUrl });
    new CfnOutput(this, 'DlqUrl', { value: deadLetterQueue.queueUrl });
    new CfnOutput(this, 'HeymarketSecretArn', { value: this.heymarketSecret.secretArn });
    new CfnOutput(this, 'WebhookSecretArn', { value: this.webhookSecret.secretArn });
    new CfnOutput(this, 'HrisSecretArn', { value: this.hrisSecret.secretArn });
    // For `hr-sync status --stack`, which reads the newest applied changes from it.
    new CfnOutput(this, 'AppliedTableName', { value: this.appliedTable.table.tableName });
  }

  /**
   * An existing secret by full ARN (the suffix matters: IAM grants on a partial ARN match nothing), or
   * a new one holding `{}`. Left to itself the L2 would generate a random string, which the functions
   * could only report as "not JSON"; `{}` fails their schema with a message naming the missing keys.
   * The operator then runs `put-secret-value`; later deploys leave the value alone because the
   * template's `{}` does not change.
   */
  private secret(
    id: string,
    arn: string | undefined,
    options: { description: string; whyNoRotation: string },
  ): secretsmanager.ISecret {
    if (arn) return secretsmanager.Secret.fromSecretCompleteArn(this, id, arn);
    const secret = new secretsmanager.Secret(this, id, {
      description: options.description,
      secretObjectValue: {},
    });
    Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: options.whyNoRotation });
    return secret;
  }
}

const PROVIDER_TITLES: Record<ProviderName, string> = {
  standard: 'the Standard Webhooks sender',
  bamboohr: 'BambooHR',
  merge: 'Merge',
  hibob: 'HiBob',
  personio: 'Personio',
};

/** The stack output holding one provider's webhook URL: `WebhookUrlStandard`, `WebhookUrlBamboohr`, … */
export function webhookUrlOutputId(provider: ProviderName): string {
  return `WebhookUrl${provider.charAt(0).toUpperCase()}${provider.slice(1)}`;
}

/** `HR_SYNC_CONFIG`: the validated config, refused here if it would not fit Lambda's environment. */
export function configEnvironmentValue(config: Config, source: string): string {
  const json = JSON.stringify(config);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_CONFIG_ENV_BYTES) {
    throw new ConfigError(
      `config: is ${bytes} bytes once serialised, over the ${MAX_CONFIG_ENV_BYTES} that fit beside the other Lambda environment variables (4 KB in all); shorten identityOverrides or roles.rules in ${source}`,
    );
  }
  return json;
}
