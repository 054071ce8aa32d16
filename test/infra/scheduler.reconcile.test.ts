import { describe, expect, it } from 'vitest';
import { ACCESS_REVIEW_KEY } from '../../lambda/core/access-review-report.js';
import { RECONCILE_STATE_KEY } from '../../lambda/core/reconcile-progress.js';
import {
  actionsOf,
  grantsOf,
  logicalId,
  resourceProps,
  synthScheduler,
  variablesOf,
} from './synth-template.js';

const { stack, template, statements, ...scheduler } = synthScheduler();
const ids = {
  ...scheduler.ids,
  table: logicalId(stack.hrSync.appliedTable.table),
  topic: logicalId(stack.hrSync.operatorAlarms.topic),
};

// Its schedule, retries, DLQ and failed-invocation alarm: scheduler.schedules.test.ts.
describe('the scheduled reconcile', () => {
  it('alarms to the alarm topic when a run went over the cap and when a provider failed', () => {
    for (const [alarm, metric] of [
      [stack.hrSync.reconcile.capExceededAlarm, 'ReconcileCapExceeded'],
      [stack.hrSync.reconcile.failuresAlarm, 'ReconcileFailures'],
    ] as const) {
      const props = resourceProps(template, logicalId(alarm));
      expect(props).toMatchObject({
        Namespace: 'HeymarketHrSync',
        MetricName: metric,
        Dimensions: [{ Name: 'service', Value: 'heymarket-hr-sync' }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(props.AlarmActions).toEqual([{ Ref: ids.topic }]);
      expect(props.OKActions).toEqual([{ Ref: ids.topic }]);
    }
  });

  it('tells the function the config, both secrets it reads, the Heymarket URL and the table, and nothing of leaver notices', () => {
    const variables = variablesOf(template, ids.fn);
    expect(variables).toMatchObject({
      QUEUE_URL: { Ref: ids.queue },
      HEYMARKET_SECRET_ARN: { Ref: logicalId(stack.hrSync.heymarketSecret) },
      HRIS_SECRET_ARN: { Ref: logicalId(stack.hrSync.hrisSecret) },
      HEYMARKET_BASE_URL: 'https://api.heymarket.com',
      APPLIED_TABLE: { Ref: ids.table },
    });
    expect(typeof variables.HR_SYNC_CONFIG).toBe('string');
    for (const name of ['WEBHOOK_SECRET_ARN', 'ALARM_TOPIC_ARN', 'STACK_NAME']) {
      expect(variables).not.toHaveProperty(name);
    }
  });

  it("may not publish to any topic: leaver notices are the leaver notifier function's (leaver-notices.stream.test.ts)", () => {
    expect(statements.filter((statement) => actionsOf(statement).some((a) => a.startsWith('sns:')))).toEqual(
      [],
    );
    expect(JSON.stringify(statements)).not.toContain(ids.topic);
  });

  it('lets the function read the Heymarket and HR API secrets only, send only to the main queue, update only its own table items and read only the user ids of the others', () => {
    expect(grantsOf(statements, 'secretsmanager:GetSecretValue').sort()).toEqual(
      [
        JSON.stringify({ Ref: logicalId(stack.hrSync.heymarketSecret) }),
        JSON.stringify({ Ref: logicalId(stack.hrSync.hrisSecret) }),
      ].sort(),
    );
    expect(grantsOf(statements, 'sqs:SendMessage')).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [ids.queue, 'Arn'] }),
    ]);
    const dynamodb = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
    );
    const table = { 'Fn::GetAtt': [ids.table, 'Arn'] };
    expect(dynamodb).toEqual([
      {
        Action: 'dynamodb:UpdateItem',
        Effect: 'Allow',
        Resource: table,
        Condition: {
          'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [RECONCILE_STATE_KEY, ACCESS_REVIEW_KEY] },
        },
      },
      {
        Action: 'dynamodb:GetItem',
        Effect: 'Allow',
        Resource: table,
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [ACCESS_REVIEW_KEY] } },
      },
      {
        Action: 'dynamodb:Scan',
        Effect: 'Allow',
        Resource: table,
        Condition: {
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'userId'] },
          StringEquals: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
        },
      },
    ]);
    expect(JSON.stringify(statements)).not.toContain(logicalId(stack.hrSync.webhookSecret));
    for (const statement of statements) {
      expect(statement.Resource).not.toBe('*');
      for (const action of actionsOf(statement)) expect(action).not.toContain('*');
    }
  });
});
