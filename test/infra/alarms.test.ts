import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { logicalId, resourceProps, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const alarmOn = (metricName: string, queue: IConstruct) => {
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
    (alarm) =>
      alarm.Properties.MetricName === metricName &&
      logicalId(queue) === alarm.Properties.Dimensions?.[0]?.Value?.['Fn::GetAtt']?.[0],
  );
  expect(alarms).toHaveLength(1);
  return alarms[0]?.Properties;
};
const alarmProps = (alarm: IConstruct) => resourceProps(template, logicalId(alarm));

describe('alarms', () => {
  it('fires as soon as one message is visible in the DLQ', () => {
    const alarm = alarmOn('ApproximateNumberOfMessagesVisible', stack.hrSync.queues.deadLetterQueue);
    expect(alarm).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarm.Dimensions).toEqual([
      {
        Name: 'QueueName',
        Value: { 'Fn::GetAtt': [logicalId(stack.hrSync.queues.deadLetterQueue), 'QueueName'] },
      },
    ]);
  });

  it('fires when the oldest change on the main queue has waited over 15 minutes', () => {
    const alarm = alarmOn('ApproximateAgeOfOldestMessage', stack.hrSync.queues.queue);
    expect(alarm).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 900,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(alarm.Dimensions).toEqual([
      { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack.hrSync.queues.queue), 'QueueName'] } },
    ]);
  });

  it('fires when EventBridge Scheduler gave up on a redrive run', () => {
    const alarm = alarmOn('ApproximateNumberOfMessagesVisible', stack.hrSync.redrive.failedInvocations);
    expect(alarm).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('fires when the worker failed invocations in two of three 5-minute periods', () => {
    expect(alarmProps(stack.hrSync.operatorAlarms.workerErrorsAlarm)).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.hrSync.worker.function) } }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
    });
  });

  it('fires when the webhook endpoint answered 5xx in two of three 5-minute periods', () => {
    expect(alarmProps(stack.hrSync.operatorAlarms.receiverServerErrorsAlarm)).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: [
        { Name: 'ApiName', Value: stack.hrSync.webhookApi.api.restApiName },
        { Name: 'Stage', Value: { Ref: logicalId(stack.hrSync.webhookApi.api.deploymentStage) } },
      ],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
    });
  });

  it('are the only fourteen alarms (the reconcile job adds five: scheduler gave up, over the cap, failures, leavers overdue, review stale; the leaver notifier three: failed records, errors, iterator age)', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 14);
  });
});
