import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RedriveEnv, stackEnvironment } from '../lambda/app/environment.js';
import { ContextError } from './context.js';
import { SyncFunction } from './function.js';
import { addScheduledJob, checkSchedule, type ScheduledJob } from './scheduled-job.js';

export const DEFAULT_REDRIVE_SCHEDULE = 'rate(1 hour)';
export const DEFAULT_MAX_REPLAYS = 3;
/** Messages examined per run: one SendMessage and one DeleteMessage each, well inside the timeout. */
export const REDRIVE_LIMIT = 500;
/**
 * The scheduler function's timeout. A redrive needs well under 2 minutes; the reconcile job on the same
 * function lists whole HR systems (Merge: 100 employees a request, about 100 requests a minute) and
 * paces its users/get calls, so it gets 5; a run that still does not finish is resumed by the next.
 */
export const REDRIVE_TIMEOUT = Duration.minutes(5);

export interface ScheduledRedriveProps {
  entry: string;
  queue: sqs.IQueue;
  deadLetterQueue: sqs.IQueue;
  /** Context `redriveSchedule`: an EventBridge Scheduler expression, `rate(…)` or `cron(…)`. */
  schedule?: string | undefined;
  /** Context `maxReplays`: a message replayed this many times stays in the DLQ for a person. */
  maxReplays?: number | undefined;
  /** `POWERTOOLS_SERVICE_NAME`: the metrics' `service` dimension. */
  serviceName: string;
}

/**
 * The scheduler function and its EventBridge schedule: every hour, moves what is safe to retry from
 * the DLQ back to the main queue (lambda/handlers/scheduler.ts). Only this function may receive from
 * and delete on the DLQ, and it may send only to the main queue.
 */
export class ScheduledRedrive extends Construct implements ScheduledJob {
  readonly fn: SyncFunction;
  readonly schedule: scheduler.Schedule;
  /** Where Scheduler puts an invocation it gave up on. */
  readonly failedInvocations: sqs.Queue;
  /** A redrive run that never happened: transient failures stay in the DLQ until someone looks. */
  readonly failedInvocationsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ScheduledRedriveProps) {
    super(scope, id);
    const maxReplays = props.maxReplays ?? DEFAULT_MAX_REPLAYS;
    if (!Number.isInteger(maxReplays) || maxReplays < 1) {
      throw new ContextError(`context: maxReplays must be a whole number of at least 1 (got ${maxReplays})`);
    }
    const expression = checkSchedule({
      contextKey: 'redriveSchedule',
      given: props.schedule,
      fallback: DEFAULT_REDRIVE_SCHEDULE,
      cronExample: 'cron(0 * * * ? *)',
    });

    this.fn = new SyncFunction(this, 'Scheduler', {
      entry: props.entry,
      description:
        'heymarket-hr-sync: move transient failures from the DLQ back to the main queue; reconcile with the HR systems',
      timeout: REDRIVE_TIMEOUT,
      memorySize: 512,
      environment: stackEnvironment<typeof RedriveEnv, 'POWERTOOLS_SERVICE_NAME'>(RedriveEnv, {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        QUEUE_URL: props.queue.queueUrl,
        DLQ_URL: props.deadLetterQueue.queueUrl,
        MAX_REPLAYS: String(maxReplays),
        REDRIVE_LIMIT: String(REDRIVE_LIMIT),
      }),
    });
    props.deadLetterQueue.grantConsumeMessages(this.fn.function);
    props.queue.grantSendMessages(this.fn.function);

    const job = addScheduledJob(this, {
      fn: this.fn.function,
      expression,
      job: 'the redrive function',
      scheduleDescription: 'heymarket-hr-sync: hourly redrive of transient DLQ failures',
      failedInvocationsAlarmDescription:
        'EventBridge Scheduler gave up invoking the DLQ redrive: check the scheduler function, then replay by hand.',
    });
    this.schedule = job.schedule;
    this.failedInvocations = job.failedInvocations;
    this.failedInvocationsAlarm = job.failedInvocationsAlarm;
  }
}
