import { describe, expect, it } from 'vitest';
import { LEAVER_NOTICE_BATCH_SIZE, LEAVER_NOTICE_RETRY_ATTEMPTS } from '../../infra/leaver-notices.js';
import { ACCESS_REVIEW_KEY } from '../../lambda/core/access-review-report.js';
import {
  actionsOf,
  grantsOf,
  logicalId,
  policyStatements,
  resourceProps,
  synthStack,
  variablesOf,
} from './synth-template.js';

const { stack, template } = synthStack();
const notices = stack.hrSync.leaverNotices;
const ids = {
  fn: logicalId(notices.fn.function),
  table: logicalId(stack.hrSync.appliedTable.table),
  topic: logicalId(stack.hrSync.operatorAlarms.topic),
  failed: logicalId(notices.failedRecords),
};
const statements = policyStatements(template, logicalId(notices.fn.role));
const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter(
  (mapping) => JSON.stringify(mapping.Properties.FunctionName) === JSON.stringify({ Ref: ids.fn }),
);
const mapping = mappings[0]?.Properties as Record<string, unknown>;

describe('leaver notices on a stack: the applied table’s stream and the leaver notifier', () => {
  it('streams the new image of every write of the applied table', () => {
    expect(resourceProps(template, ids.table).StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
  });

  it('invokes the notifier for inserts and updates of the access review item only, by a filter on its pk', () => {
    expect(mappings).toHaveLength(1);
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [ids.table, 'StreamArn'] });
    expect(mapping.FilterCriteria).toEqual({
      Filters: [
        {
          Pattern: JSON.stringify({
            eventName: ['INSERT', 'MODIFY'],
            dynamodb: { Keys: { pk: { S: [ACCESS_REVIEW_KEY] } } },
          }),
        },
      ],
    });
  });

  it('retries a failed record a bounded number of times, bisecting, from the record that failed, one batch at a time', () => {
    expect(mapping).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: LEAVER_NOTICE_BATCH_SIZE,
      MaximumRetryAttempts: LEAVER_NOTICE_RETRY_ATTEMPTS,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ParallelizationFactor: 1,
    });
    expect(LEAVER_NOTICE_RETRY_ATTEMPTS).toBeGreaterThan(0);
    expect(LEAVER_NOTICE_RETRY_ATTEMPTS).toBeLessThanOrEqual(10);
  });

  it('records a batch that failed every retry in a queue of its own, not the change DLQ the redrive moves back', () => {
    expect(mapping.DestinationConfig).toEqual({
      OnFailure: { Destination: { 'Fn::GetAtt': [ids.failed, 'Arn'] } },
    });
    expect(ids.failed).not.toBe(logicalId(stack.hrSync.queues.deadLetterQueue));
    expect(resourceProps(template, ids.failed)).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86_400,
    });
  });

  it('gives the notifier the table, the alarm topic, the grace it states and the stack name, and no config', () => {
    expect(variablesOf(template, ids.fn)).toEqual({
      APPLIED_TABLE: { Ref: ids.table },
      ALARM_TOPIC_ARN: { Ref: ids.topic },
      LEAVER_GRACE_HOURS: String(stack.hrSync.config.accessReview.leaverGraceHours),
      STACK_NAME: stack.stackName,
      POWERTOOLS_SERVICE_NAME: stack.hrSync.serviceName,
    });
  });

  it('lets the notifier publish to the alarm topic only', () => {
    const sns = statements.filter((statement) => actionsOf(statement).some((a) => a.startsWith('sns:')));
    expect(sns).toEqual([{ Action: 'sns:Publish', Effect: 'Allow', Resource: { Ref: ids.topic } }]);
  });

  it('lets the notifier read and update the access review item only, and read the table’s stream', () => {
    const dynamodb = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
    );
    expect(dynamodb).toEqual([
      {
        Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [ids.table, 'Arn'] },
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [ACCESS_REVIEW_KEY] } },
      },
      // ListStreams has no resource-level permission; it names streams, it reads none.
      { Action: 'dynamodb:ListStreams', Effect: 'Allow', Resource: '*' },
      {
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [ids.table, 'StreamArn'] },
      },
    ]);
    expect(grantsOf(statements, 'sqs:SendMessage')).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [ids.failed, 'Arn'] }),
    ]);
    for (const action of statements.flatMap(actionsOf)) {
      expect(action).toMatch(/^(logs|dynamodb|sqs|sns):[A-Z][A-Za-z]+$/);
    }
  });

  it('alarms to the alarm topic on a record that failed every retry, on the function’s errors and on records left waiting', () => {
    const topic = [{ Ref: ids.topic }];
    const alarms = {
      failed: resourceProps(template, logicalId(notices.failedRecordsAlarm)),
      errors: resourceProps(template, logicalId(notices.errorsAlarm)),
      waiting: resourceProps(template, logicalId(notices.iteratorAgeAlarm)),
    };
    expect(alarms.failed).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.failed, 'QueueName'] } }],
      Threshold: 1,
    });
    expect(alarms.errors).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.fn } }],
      Threshold: 1,
    });
    expect(alarms.waiting).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Statistic: 'Maximum',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.fn } }],
      Threshold: 15 * 60_000,
    });
    for (const alarm of Object.values(alarms)) {
      expect(alarm).toMatchObject({
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: topic,
        OKActions: topic,
      });
    }
  });
});
