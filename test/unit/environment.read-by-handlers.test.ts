import { describe, expect, it } from 'vitest';
import {
  LeaverNotifierEnv,
  ReceiverEnv,
  ReconcileEnv,
  RedriveEnv,
  readEnvironment,
  WorkerEnv,
} from '../../lambda/app/environment.js';

const notSet = (name: string) => `environment variable ${name} is not set (the stack sets it)`;

describe('a function reading its environment', () => {
  it('names the first variable missing, in the order the handler needs them, and says the stack sets it', () => {
    expect(() => readEnvironment(ReceiverEnv, {})).toThrow(notSet('QUEUE_URL'));
    expect(() => readEnvironment(ReceiverEnv, { QUEUE_URL: 'q', APPLIED_TABLE: 't' })).toThrow(
      notSet('WEBHOOK_SECRET_ARN'),
    );
    expect(() => readEnvironment(WorkerEnv, { DLQ_URL: 'd' })).toThrow(notSet('HEYMARKET_SECRET_ARN'));
    expect(() => readEnvironment(WorkerEnv, { HEYMARKET_SECRET_ARN: 'h' })).toThrow(notSet('DLQ_URL'));
  });

  it('takes an empty value for an unset one', () => {
    expect(() =>
      readEnvironment(ReceiverEnv, { QUEUE_URL: 'q', WEBHOOK_SECRET_ARN: '', APPLIED_TABLE: 't' }),
    ).toThrow(notSet('WEBHOOK_SECRET_ARN'));
  });

  it('lets the worker run without what a stack from before a feature does not set', () => {
    expect(readEnvironment(WorkerEnv, { HEYMARKET_SECRET_ARN: 'h', DLQ_URL: 'd', OTHER: 'x' })).toEqual({
      HEYMARKET_SECRET_ARN: 'h',
      DLQ_URL: 'd',
    });
  });

  it('lets the scheduler redrive without any of the variables only its reconcile job reads', () => {
    const redrive = { DLQ_URL: 'd', QUEUE_URL: 'q', MAX_REPLAYS: '3', REDRIVE_LIMIT: '500' };
    expect(readEnvironment(RedriveEnv, redrive)).toEqual(redrive);
    expect(() => readEnvironment(ReconcileEnv, redrive)).toThrow(notSet('HEYMARKET_SECRET_ARN'));
  });

  it('runs the leaver notifier without a stack name, never without the topic or the grace it states', () => {
    const notifier = {
      APPLIED_TABLE: 't',
      ALARM_TOPIC_ARN: 'arn:aws:sns:eu-west-1:1:a',
      LEAVER_GRACE_HOURS: '24',
    };
    expect(readEnvironment(LeaverNotifierEnv, notifier)).toEqual(notifier);
    expect(() => readEnvironment(LeaverNotifierEnv, { ...notifier, ALARM_TOPIC_ARN: '' })).toThrow(
      notSet('ALARM_TOPIC_ARN'),
    );
    expect(() => readEnvironment(LeaverNotifierEnv, { APPLIED_TABLE: 't', ALARM_TOPIC_ARN: 'a' })).toThrow(
      notSet('LEAVER_GRACE_HOURS'),
    );
  });
});
