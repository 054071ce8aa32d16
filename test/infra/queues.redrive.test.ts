import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { WORKER_BATCHING_WINDOW, WORKER_TIMEOUT } from '../../infra/heymarket-hr-sync.js';
import { MAX_RECEIVE_COUNT } from '../../infra/queues.js';
import { logicalId, resourceProps, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const queueId = logicalId(stack.hrSync.queues.queue);
const dlqId = logicalId(stack.hrSync.queues.deadLetterQueue);
const queue = resourceProps(template, queueId);
const dlq = resourceProps(template, dlqId);

describe('main queue and dead-letter queue', () => {
  it('encrypt at rest with SQS-managed keys', () => {
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(dlq.SqsManagedSseEnabled).toBe(true);
  });

  it.each([
    ['main queue', queueId],
    ['DLQ', dlqId],
  ])('the %s refuses requests without TLS', (_, id) => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: id }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('keeps a message invisible for at least 6 × the worker timeout plus the batching window', () => {
    const minimum = 6 * WORKER_TIMEOUT.toSeconds() + WORKER_BATCHING_WINDOW.toSeconds();
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(minimum);
  });

  it('moves a message to the DLQ after 5 receives', () => {
    expect(MAX_RECEIVE_COUNT).toBe(5);
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      maxReceiveCount: 5,
    });
  });

  it('keeps dead letters 14 days, longer than the main queue keeps messages', () => {
    expect(dlq.MessageRetentionPeriod).toBe(1_209_600);
    expect(queue.MessageRetentionPeriod).toBeLessThan(1_209_600);
  });

  it('lets only the main queue use the DLQ', () => {
    const policy = dlq.RedriveAllowPolicy as { redrivePermission: string; sourceQueueArns: unknown[] };
    expect(policy.redrivePermission).toBe('byQueue');
    expect(policy.sourceQueueArns).toHaveLength(1);
    expect(JSON.stringify(policy.sourceQueueArns[0])).toContain(`:${queue.QueueName}"`);
  });

  it('names the main queue in the DLQ without a reference back to it (CloudFormation would see a cycle)', () => {
    expect(JSON.stringify(dlq)).not.toContain(queueId);
  });
});
