import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ContextError, readAppContext } from '../../infra/context.js';

const read = (context: Record<string, unknown>) => readAppContext(new App({ context }).node);

describe('CDK context', () => {
  it('defaults the config path and the Heymarket base URL, and creates secrets when no ARN is given', () => {
    expect(read({})).toEqual({
      stackName: 'HeymarketHrSync',
      configPath: 'hr-sync.config.json',
      heymarketBaseUrl: 'https://api.heymarket.com',
      heymarketSecretArn: undefined,
      webhookSecretArn: undefined,
      hrisSecretArn: undefined,
    });
  });

  it('takes complete secret ARNs', () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:heymarket-AbCdEf';
    expect(read({ heymarketSecretArn: arn, webhookSecretArn: arn, hrisSecretArn: arn })).toMatchObject({
      heymarketSecretArn: arn,
      webhookSecretArn: arn,
      hrisSecretArn: arn,
    });
  });

  it('refuses a partial secret ARN (grants would match nothing), saying which key and why', () => {
    const partial = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:heymarket';
    expect(() => read({ heymarketSecretArn: partial })).toThrow(ContextError);
    expect(() => read({ webhookSecretArn: partial })).toThrow(/webhookSecretArn must be the complete ARN/);
    expect(() => read({ hrisSecretArn: partial })).toThrow(/hrisSecretArn must be the complete ARN/);
  });

  it('refuses a Heymarket base URL that is not https', () => {
    expect(() => read({ heymarketBaseUrl: 'http://api.heymarket.com' })).toThrow(
      /heymarketBaseUrl must be an https/,
    );
    expect(() => read({ heymarketBaseUrl: 'not a url' })).toThrow(ContextError);
  });
});
