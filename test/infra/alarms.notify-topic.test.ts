import { describe, expect, it } from 'vitest';
import { logicalId, resourceProps, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const topicRef = { Ref: logicalId(stack.hrSync.operatorAlarms.topic) };

describe('alarm notifications', () => {
  it('go from every alarm of the stack to the one topic, on ALARM and on OK', () => {
    const alarms = template.findResources('AWS::CloudWatch::Alarm');
    expect(Object.keys(alarms).sort()).toEqual(
      [
        stack.hrSync.queues.dlqAlarm,
        stack.hrSync.queues.oldestMessageAlarm,
        stack.hrSync.redrive.failedInvocationsAlarm,
        stack.hrSync.reconcile.failedInvocationsAlarm,
        stack.hrSync.reconcile.capExceededAlarm,
        stack.hrSync.reconcile.failuresAlarm,
        stack.hrSync.reconcile.leaversOverdueAlarm,
        stack.hrSync.reconcile.reviewStaleAlarm,
        ...stack.hrSync.leaverNotices.alarms,
        stack.hrSync.operatorAlarms.workerErrorsAlarm,
        stack.hrSync.operatorAlarms.receiverServerErrorsAlarm,
        stack.hrSync.operatorAlarms.unusableEventsAlarm,
      ]
        .map(logicalId)
        .sort(),
    );
    for (const [id, alarm] of Object.entries(alarms)) {
      expect(alarm.Properties.AlarmActions, id).toEqual([topicRef]);
      expect(alarm.Properties.OKActions, id).toEqual([topicRef]);
    }
    template.resourceCountIs('AWS::SNS::Topic', 1);
  });

  it('reach a topic that refuses publishing without TLS', () => {
    const [policy] = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
    expect(policy?.Properties.Topics).toEqual([topicRef]);
    expect(policy?.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it("can be published by this account's CloudWatch alarms only (the TLS policy replaced the default one)", () => {
    const [policy] = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
    const statements: { Effect: string }[] = policy?.Properties.PolicyDocument.Statement ?? [];
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicRef,
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: {
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudwatch:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':alarm:*',
                ],
              ],
            },
          },
        },
      }),
    ]);
    expect(resourceProps(template, logicalId(stack.hrSync.operatorAlarms.topic))).not.toHaveProperty(
      'KmsMasterKeyId',
    );
  });

  it('name the topic in a stack output, for the operator to subscribe to', () => {
    expect(template.toJSON().Outputs.AlarmTopicArn.Value).toEqual(topicRef);
  });
});
