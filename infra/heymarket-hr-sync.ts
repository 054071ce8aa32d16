import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ReceiverEnv, stackEnvironment, WorkerEnv } from '../lambda/app/environment.js';
import { ConfigError } from '../lambda/config/load.js';
import type { Config } from '../lambda/config/schema.js';
import { hrisSecretOutline } from '../lambda/config/secrets.js';
import { SERVICE_NAME } from '../lambda/observability/service-name.js';
import { ProviderName } from '../lambda/providers/index.js';
import { OperatorAlarms } from './alarms.js';
import { AppliedTable } from './applied-table.js';
import {
  HEYMARKET_REQUESTS_PER_CALL,
  HEYMARKET_REQUESTS_PER_MINUTE,
  heymarketRequestsPerInvocation,
  MIN_INVOCATION_SECONDS,
  maxConcurrencyFor,
} from './concurrency.js';
import { configEnvironmentValue } from './config-environment.js';
import { constructConfig } from './construct-config.js';
import { DEFAULT_HEYMARKET_BASE_URL, DEFAULT_STACK_NAME } from './context.js';
import { SyncDashboard } from './dashboard.js';
import { SyncFunction } from './function.js';
import { LeaverNotices } from './leaver-notices.js';
import { addSyncOutputs } from './outputs.js';
import { handlerEntry } from './package-root.js';
import { checkProps, type HeymarketHrSyncProps } from './props.js';
import { SyncQueues } from './queues.js';
import { ScheduledReconcile } from './scheduled-reconcile.js';
import { ScheduledRedrive } from './scheduled-redrive.js';
import { WebhookApi } from './webhook-api.js';

// Part of the package's API (package.json exports this file).
export { configEnvironmentValue, MAX_CONFIG_ENV_BYTES } from './config-environment.js';
export type { HeymarketHrSyncProps } from './props.js';

export const WORKER_BATCH_SIZE = 50;
export const WORKER_BATCHING_WINDOW = Duration.seconds(5);
export const WORKER_TIMEOUT = Duration.seconds(60);
// Personio wants an answer within 3 s; anything slower than this is an outage, not a slow request.
export const RECEIVER_TIMEOUT = Duration.seconds(10);

/**
 * The metrics' `service` dimension (and POWERTOOLS_SERVICE_NAME): what alarms and the dashboard read
 * by, so it must differ between instances in one account and region. The default stack keeps the
 * name it always had.
 */
export function serviceNameFor(namePrefix: string): string {
  return namePrefix === DEFAULT_STACK_NAME ? SERVICE_NAME : `${SERVICE_NAME}-${namePrefix}`;
}

/**
 * Everything heymarket-hr-sync deploys, as one construct for any CDK app: the webhook API and its
 * receiver, the queue and its DLQ, the worker, the scheduled redrive and reconcile, the applied
 * table, the three secrets (created or imported), alarms, a dashboard and the stack outputs the
 * `hr-sync` CLI reads. Physical names start with `namePrefix`, so several instances (one per team)
 * can share an account or a stack.
 */
export class HeymarketHrSync extends Construct {
  readonly config: Config;
  readonly namePrefix: string;
  /** The metrics' `service` dimension: see serviceNameFor. */
  readonly serviceName: string;
  readonly receiver: SyncFunction;
  readonly worker: SyncFunction;
  readonly redrive: ScheduledRedrive;
  readonly reconcile: ScheduledReconcile;
  /** The leaver notifier, fed by the applied table's stream. */
  readonly leaverNotices: LeaverNotices;
  readonly queues: SyncQueues;
  readonly appliedTable: AppliedTable;
  readonly webhookApi: WebhookApi;
  readonly heymarketSecret: secretsmanager.ISecret;
  readonly webhookSecret: secretsmanager.ISecret;
  readonly hrisSecret: secretsmanager.ISecret;
  readonly maxConcurrency: number;
  readonly operatorAlarms: OperatorAlarms;
  readonly dashboard: SyncDashboard;

  constructor(scope: Construct, id: string, props: HeymarketHrSyncProps) {
    super(scope, id);
    checkProps(props, this.node.path);
    const { config, configSource } = constructConfig(this, props);
    this.config = config;
    const configJson = configEnvironmentValue(config, configSource);
    const heymarketBaseUrl = props.heymarketBaseUrl ?? DEFAULT_HEYMARKET_BASE_URL;

    const stack = Stack.of(this);
    this.namePrefix = props.namePrefix ?? stack.stackName;
    this.refuseTakenPrefix(stack);
    this.serviceName = serviceNameFor(this.namePrefix);
    const POWERTOOLS_SERVICE_NAME = this.serviceName;

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
      description: `heymarket-hr-sync: HR system API credentials, ${hrisSecretOutline()}`,
      whyNoRotation:
        "HR system API credentials (BambooHR API key, HiBob service user token, Merge account token, Personio client secret) are issued in each HR system's admin settings and only a person there can replace them; a rotation Lambda cannot. The worker re-reads the secret after secretCacheTtlSeconds, so a new value needs no redeploy.",
    });

    this.queues = new SyncQueues(this, 'Queues', {
      namePrefix: this.namePrefix,
      workerTimeout: WORKER_TIMEOUT,
      maxBatchingWindow: WORKER_BATCHING_WINDOW,
    });
    const { queue, deadLetterQueue } = this.queues;
    this.appliedTable = new AppliedTable(this, 'Applied');
    this.receiver = new SyncFunction(this, 'Receiver', {
      entry: handlerEntry('receiver'),
      description: 'heymarket-hr-sync: verify a webhook, queue its changes, answer 202',
      timeout: RECEIVER_TIMEOUT,
      // More memory is more CPU: a faster cold start keeps the first answer inside Personio's 3 s.
      memorySize: 1024,
      environment: stackEnvironment(ReceiverEnv, {
        QUEUE_URL: queue.queueUrl,
        WEBHOOK_SECRET_ARN: this.webhookSecret.secretArn,
        // For its `delivery#` items only (see grantReceiver): a replayed delivery queues nothing.
        APPLIED_TABLE: this.appliedTable.table.tableName,
        HR_SYNC_CONFIG: configJson,
        POWERTOOLS_SERVICE_NAME,
      }),
    });
    queue.grantSendMessages(this.receiver.function);
    this.webhookSecret.grantRead(this.receiver.function);
    this.appliedTable.grantReceiver(this.receiver.function);

    this.worker = new SyncFunction(this, 'Worker', {
      entry: handlerEntry('worker'),
      description:
        'heymarket-hr-sync: enrich queued changes from the HR system, apply them to Heymarket users',
      timeout: WORKER_TIMEOUT,
      memorySize: 512,
      environment: stackEnvironment(WorkerEnv, {
        HEYMARKET_SECRET_ARN: this.heymarketSecret.secretArn,
        HEYMARKET_BASE_URL: heymarketBaseUrl,
        DLQ_URL: deadLetterQueue.queueUrl,
        // To hide a retried message for its backoff (ChangeMessageVisibility, granted with the event source).
        QUEUE_URL: queue.queueUrl,
        HRIS_SECRET_ARN: this.hrisSecret.secretArn,
        APPLIED_TABLE: this.appliedTable.table.tableName,
        HR_SYNC_CONFIG: configJson,
        POWERTOOLS_SERVICE_NAME,
      }),
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

    // Heymarket allows 500 requests/min (https://developers.heymarket.com/rate-limits). Worst case per invocation with batch 50 and
    // chunk 50: (1 users/get + 1 users/update) × (3 attempts + 1 re-send after a 401) = 8 requests, in
    // an estimated 2 s or more, so one worker makes ≤ 8 × 60 / 2 = 240/min and floor(500 / 240) = 2
    // may run at once: peak 480/min, 120/min when nothing is retried. See infra/concurrency.ts.
    this.maxConcurrency = maxConcurrencyFor({
      budgetPerMinute: HEYMARKET_REQUESTS_PER_MINUTE,
      requestsPerInvocation: heymarketRequestsPerInvocation({
        batchSize: WORKER_BATCH_SIZE,
        chunkSize: config.heymarket.chunkSize,
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
    this.redrive = new ScheduledRedrive(this, 'Redrive', {
      entry: handlerEntry('scheduler'),
      queue,
      deadLetterQueue,
      schedule: props.schedules?.redrive,
      maxReplays: props.maxReplays,
      serviceName: this.serviceName,
    });

    // The same function, on its own schedule: compares the HR systems with Heymarket, enqueues what differs.
    this.reconcile = new ScheduledReconcile(this, 'Reconcile', {
      fn: this.redrive.fn,
      queue,
      table: this.appliedTable.table,
      heymarketSecret: this.heymarketSecret,
      hrisSecret: this.hrisSecret,
      heymarketBaseUrl,
      configJson,
      schedule: props.schedules?.reconcile,
      serviceName: this.serviceName,
    });

    // Whoever reads the alarms is told, by name, about each leaver who still holds a seat, whichever
    // function wrote the review (the reconcile run, or the worker after a termination).
    this.leaverNotices = new LeaverNotices(this, 'LeaverNotices', {
      appliedTable: this.appliedTable,
      leaverGraceHours: config.accessReview.leaverGraceHours,
      serviceName: this.serviceName,
    });

    this.webhookApi = new WebhookApi(this, 'Webhooks', {
      restApiName: `${this.namePrefix}-webhooks`,
      receiver: this.receiver.function,
      providers: ProviderName.options.filter((provider) => config.providers[provider].enabled),
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
        this.reconcile.leaversOverdueAlarm,
        this.reconcile.reviewStaleAlarm,
        ...this.leaverNotices.alarms,
      ],
      alarmEmail: props.alarmEmail,
      serviceName: this.serviceName,
    });
    this.leaverNotices.publishTo(this.operatorAlarms.topic);
    this.dashboard = new SyncDashboard(this, 'Dashboard', {
      receiver: this.receiver.function,
      worker: this.worker.function,
      workerTimeout: WORKER_TIMEOUT,
      stage,
      queue,
      deadLetterQueue,
      alarms: this.operatorAlarms.alarms,
      dashboardName: this.namePrefix,
      serviceName: this.serviceName,
    });
    addSyncOutputs(this);
  }

  /** Two instances with one prefix would fight over the queue names and the dashboard: refuse at synth. */
  private refuseTakenPrefix(stack: Stack): void {
    const clash = stack.node
      .findAll()
      .find(
        (other) => other !== this && other instanceof HeymarketHrSync && other.namePrefix === this.namePrefix,
      );
    if (clash) {
      throw new ConfigError(
        `HeymarketHrSync ${this.node.path}: namePrefix ${this.namePrefix} is already used by ${clash.node.path} in the same stack; give each instance its own props.namePrefix`,
      );
    }
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
