import { describe, expect, it } from 'vitest';
import { configEnvironmentValue, MAX_CONFIG_ENV_BYTES } from '../../infra/config-environment.js';
import { ConfigError, parseConfig, parseConfigText } from '../../lambda/config/load.js';
import { exampleConfig, logicalId, resourceProps, synthStack } from './synth-template.js';

const { stack, template } = synthStack({ heymarketBaseUrl: 'https://heymarket.example.test' });
const env = (fn: typeof stack.hrSync.receiver) =>
  (resourceProps(template, logicalId(fn.function)).Environment as { Variables: Record<string, unknown> })
    .Variables;

describe('function environment', () => {
  it('gives the receiver its queue, its webhook secret, the table of its delivery memory and the config, and nothing of the worker', () => {
    const vars = env(stack.hrSync.receiver);
    expect(Object.keys(vars).sort()).toEqual(
      [
        'APPLIED_TABLE',
        'HR_SYNC_CONFIG',
        'POWERTOOLS_SERVICE_NAME',
        'QUEUE_URL',
        'WEBHOOK_SECRET_ARN',
      ].sort(),
    );
    expect(vars.QUEUE_URL).toEqual({ Ref: logicalId(stack.hrSync.queues.queue) });
    expect(vars.WEBHOOK_SECRET_ARN).toEqual({ Ref: logicalId(stack.hrSync.webhookSecret) });
    expect(vars.APPLIED_TABLE).toEqual({ Ref: logicalId(stack.hrSync.appliedTable.table) });
  });

  it('gives the worker the Heymarket secret and base URL, the HR API secret, the DLQ, its own queue, the applied table and the config', () => {
    const vars = env(stack.hrSync.worker);
    expect(Object.keys(vars).sort()).toEqual(
      [
        'APPLIED_TABLE',
        'DLQ_URL',
        'HEYMARKET_BASE_URL',
        'HEYMARKET_SECRET_ARN',
        'HRIS_SECRET_ARN',
        'HR_SYNC_CONFIG',
        'POWERTOOLS_SERVICE_NAME',
        'QUEUE_URL',
      ].sort(),
    );
    expect(vars.QUEUE_URL).toEqual({ Ref: logicalId(stack.hrSync.queues.queue) });
    expect(vars.HEYMARKET_BASE_URL).toBe('https://heymarket.example.test');
    expect(vars.DLQ_URL).toEqual({ Ref: logicalId(stack.hrSync.queues.deadLetterQueue) });
    expect(vars.HEYMARKET_SECRET_ARN).toEqual({ Ref: logicalId(stack.hrSync.heymarketSecret) });
    expect(vars.HRIS_SECRET_ARN).toEqual({ Ref: logicalId(stack.hrSync.hrisSecret) });
    expect(vars.APPLIED_TABLE).toEqual({ Ref: logicalId(stack.hrSync.appliedTable.table) });
  });

  it('hands both functions the config validated at synth time, which parses back to the same config', () => {
    for (const fn of [stack.hrSync.receiver, stack.hrSync.worker]) {
      const text = env(fn).HR_SYNC_CONFIG as string;
      expect(parseConfigText(text, 'HR_SYNC_CONFIG')).toEqual(exampleConfig());
    }
  });

  it('refuses a config too big for Lambda environment variables, naming the file and what to shorten', () => {
    const identityOverrides = Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => [`bamboohr:employee-${i}`, 1_000_000 + i]),
    );
    const big = parseConfig({ identityOverrides }, 'big.json');
    expect(() => configEnvironmentValue(big, 'big.json')).toThrow(ConfigError);
    expect(() => configEnvironmentValue(big, 'big.json')).toThrow(
      new RegExp(`over the ${MAX_CONFIG_ENV_BYTES} .*identityOverrides.* in big\\.json`),
    );
  });
});
