import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { THROTTLE } from '../../infra/throttle.js';
import { STAGE_NAME } from '../../infra/webhook-api.js';
import { logicalId, synthStack } from './synth-template.js';

const { stack, template } = synthStack();
const accessLogsId = logicalId(stack.hrSync.webhookApi.accessLogs);
const stage = () => {
  const stages = Object.values(template.findResources('AWS::ApiGateway::Stage'));
  expect(stages).toHaveLength(1);
  return stages[0]?.Properties;
};

describe('webhook API stage', () => {
  it(`is named ${STAGE_NAME} and throttles every method at the stage's rate and burst`, () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: STAGE_NAME,
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          ResourcePath: '/*',
          HttpMethod: '*',
          ThrottlingRateLimit: THROTTLE.rateLimit,
          ThrottlingBurstLimit: THROTTLE.burstLimit,
        }),
      ]),
    });
  });

  it('logs execution errors only and never the request or response data', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          ResourcePath: '/*',
          HttpMethod: '*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        }),
      ]),
    });
  });

  it('writes one JSON access log line per request to its own log group with retention', () => {
    const settings = stage()?.AccessLogSetting;
    expect(settings.DestinationArn).toEqual({ 'Fn::GetAtt': [accessLogsId, 'Arn'] });
    // What API Gateway would write, with every $context variable replaced by a value.
    const line = (settings.Format as string)
      .replace('$context.error.messageString', '"Missing Authentication Token"')
      .replace(/\$context\.[A-Za-z.]+/g, 'x');
    const parsed = JSON.parse(line);
    expect(Object.keys(parsed)).toEqual(
      expect.arrayContaining(['requestId', 'ip', 'httpMethod', 'resourcePath', 'status', 'errorMessage']),
    );
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    expect(template.toJSON().Resources[accessLogsId].Properties.RetentionInDays).toBe(30);
  });

  it('has the account-level CloudWatch role that access and execution logging need', () => {
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
  });
});
