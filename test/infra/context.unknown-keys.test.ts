import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { CONTEXT_KEYS, ContextError, readAppContext } from '../../infra/context.js';

const read = (context: Record<string, unknown>) => readAppContext(new App({ context }).node);
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:heymarket-AbCdEf';

describe('CDK context keys that look like ours', () => {
  it.each([
    ['heymarketSecretARN', 'heymarketSecretArn'],
    ['alarmEmial', 'alarmEmail'],
    ['wafRateLimitPer5min', 'wafRateLimitPer5Min'],
    ['Config', 'config'],
    ['stackname', 'stackName'],
    ['webhookSecretAr', 'webhookSecretArn'],
  ])('refuse %s, naming %s', (typo, meant) => {
    expect(() => read({ [typo]: ARN })).toThrow(
      new ContextError(`context: unknown key "${typo}"; did you mean "${meant}"?`),
    );
  });

  it('are refused even beside the right key, so a typo never passes silently', () => {
    expect(() => read({ heymarketSecretArn: ARN, hrisSecretARN: ARN })).toThrow(
      'context: unknown key "hrisSecretARN"; did you mean "hrisSecretArn"?',
    );
  });
});

describe('CDK context keys that are not ours', () => {
  it("are left alone when they are CDK's own: feature flags, CLI settings, cached lookups", () => {
    expect(() =>
      read({
        '@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion': true,
        '@aws-cdk/core:enablePartitionLiterals': true,
        'aws:cdk:enable-path-metadata': true,
        'aws:cdk:bundling-stacks': ['**'],
        'availability-zones:account=123456789012:region=us-east-1': ['us-east-1a'],
        'cdk-migrate': true,
        'acknowledged-issue-numbers': [32775],
        'hosted-zone/config': {},
      }),
    ).not.toThrow();
  });

  it('are left alone when they are unlike any of ours', () => {
    expect(() =>
      read({ team: 'support', costCentre: '42', environment: 'prod', owner: 'ops' }),
    ).not.toThrow();
  });

  it('every key the app reads is accepted as spelt', () => {
    const values: Record<string, unknown> = {
      config: 'hr-sync.config.example.json',
      heymarketBaseUrl: 'https://api.heymarket.com',
      heymarketSecretArn: ARN,
      webhookSecretArn: ARN,
      hrisSecretArn: ARN,
      alarmEmail: 'ops@example.com',
      wafRateLimitPer5Min: 2000,
    };
    expect(() => read(Object.fromEntries(CONTEXT_KEYS.map((key) => [key, values[key] ?? ''])))).not.toThrow();
  });
});
