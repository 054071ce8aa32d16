import { describe, expect, it } from 'vitest';
import { logicalId, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const alarmOn = (metricName: string) => {
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
    (alarm) => alarm.Properties.MetricName === metricName,
  );
  expect(alarms).toHaveLength(1);
  return alarms[0]?.Properties;
};

describe('alarms', () => {
  it('fires as soon as one message is visible in the DLQ', () => {
    const alarm = alarmOn('ApproximateNumberOfMessagesVisible');
    expect(alarm).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarm.Dimensions).toEqual([
      { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack.queues.deadLetterQueue), 'QueueName'] } },
    ]);
  });

  it('fires when the oldest change on the main queue has waited over 15 minutes', () => {
    const alarm = alarmOn('ApproximateAgeOfOldestMessage');
    expect(alarm).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 900,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(alarm.Dimensions).toEqual([
      { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack.queues.queue), 'QueueName'] } },
    ]);
  });

  it('are the only two alarms', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
  });
});
