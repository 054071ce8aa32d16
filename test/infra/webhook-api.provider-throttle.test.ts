import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnStage } from 'aws-cdk-lib/aws-apigateway';
import { afterAll, describe, expect, it } from 'vitest';
import { ContextError } from '../../infra/context.js';
import { createApp, STACK_NAME } from '../../infra/hr-sync-app.js';
import type { HrSyncStack } from '../../infra/stack.js';
import { PROVIDER_THROTTLE, THROTTLE, UNKNOWN_PROVIDER_THROTTLE } from '../../infra/throttle.js';
import { parseConfig } from '../../lambda/config/load.js';
import { ProviderName } from '../../lambda/providers/index.js';
import { EXAMPLE_CONFIG_PATH, synthStack } from './synth-template.js';

interface MethodSetting {
  ResourcePath: string;
  HttpMethod: string;
  ThrottlingRateLimit?: number;
  ThrottlingBurstLimit?: number;
  LoggingLevel?: string;
  DataTraceEnabled?: boolean;
  MetricsEnabled?: boolean;
}

/** The stage's method settings, keyed `<resource path> <method>` with the path unescaped. */
function methodSettings(template: Template): Map<string, MethodSetting> {
  const stages = Object.values(template.findResources('AWS::ApiGateway::Stage'));
  expect(stages).toHaveLength(1);
  const settings = stages[0]?.Properties.MethodSettings as MethodSetting[];
  return new Map(settings.map((s) => [`${s.ResourcePath.replaceAll('~1', '/')} ${s.HttpMethod}`, s]));
}

const limitsOf = (setting: MethodSetting | undefined) => ({
  rateLimit: setting?.ThrottlingRateLimit,
  burstLimit: setting?.ThrottlingBurstLimit,
});

const everyProvider = parseConfig(
  { providers: Object.fromEntries(ProviderName.options.map((name) => [name, { enabled: true }])) },
  'every-provider.json',
);

describe('per-provider throttling on the webhook API', () => {
  it('gives each enabled provider its own POST method settings at its default limits', () => {
    const settings = methodSettings(synthStack({ config: everyProvider }).template);
    for (const provider of ProviderName.options) {
      expect(limitsOf(settings.get(`//webhooks/${provider} POST`)), provider).toEqual(
        PROVIDER_THROTTLE[provider],
      );
    }
    // The stage's own, for every other method, and the trickle for names that are not providers.
    expect(limitsOf(settings.get('/* *'))).toEqual(THROTTLE);
    expect(limitsOf(settings.get('//webhooks/{provider} POST'))).toEqual(UNKNOWN_PROVIDER_THROTTLE);
    expect(settings.size).toBe(ProviderName.options.length + 2);
  });

  it('has no method settings for a provider that is not enabled', () => {
    const settings = methodSettings(synthStack().template);
    expect([...settings.keys()].sort()).toEqual(
      ['/* *', '//webhooks/standard POST', '//webhooks/{provider} POST'].sort(),
    );
  });

  it('keeps execution logging at errors, without data, and metrics on, in every method setting', () => {
    for (const [key, setting] of methodSettings(synthStack({ config: everyProvider }).template)) {
      expect(setting, key).toMatchObject({
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
        MetricsEnabled: true,
      });
    }
  });

  it('keeps every default at or under the stage limits, which are the ceiling', () => {
    for (const limits of [...Object.values(PROVIDER_THROTTLE), UNKNOWN_PROVIDER_THROTTLE]) {
      expect(limits.rateLimit).toBeLessThanOrEqual(THROTTLE.rateLimit);
      expect(limits.burstLimit).toBeLessThanOrEqual(THROTTLE.burstLimit);
      expect(limits.rateLimit).toBeGreaterThan(0);
      expect(Number.isInteger(limits.burstLimit)).toBe(true);
    }
  });
});

describe('context throttle, through the app as cdk synth builds it', () => {
  const outdirs: string[] = [];
  afterAll(() => {
    for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
  });
  const app = (throttle: unknown) => {
    const outdir = mkdtempSync(join(tmpdir(), 'hr-sync-throttle-'));
    outdirs.push(outdir);
    return createApp({ bundle: false, outdir, context: { config: EXAMPLE_CONFIG_PATH, throttle } });
  };

  it("overrides a provider's limits, the one given and only that one", () => {
    // Read from the stage construct: a full synth of the app (with cdk-nag) adds nothing here but time.
    const stack = app('{"standard":{"burstLimit":40}}').node.findChild(STACK_NAME) as HrSyncStack;
    const stage = stack.hrSync.webhookApi.api.deploymentStage.node.defaultChild as CfnStage;
    const settings = stack.resolve(stage.methodSettings) as CfnStage.MethodSettingProperty[];
    const standard = settings.filter((setting) => setting.resourcePath === '/~1webhooks~1standard');
    expect(standard).toHaveLength(1);
    expect(standard[0]).toMatchObject({
      httpMethod: 'POST',
      throttlingRateLimit: PROVIDER_THROTTLE.standard.rateLimit,
      throttlingBurstLimit: 40,
    });
  });

  it('refuses an unknown provider or a limit that is not positive, before building anything', () => {
    expect(() => app('{"bamboo":{"rateLimit":5}}')).toThrow(ContextError);
    expect(() => app('{"bamboo":{"rateLimit":5}}')).toThrow(
      'context: throttle.bamboo is not a provider; use standard, bamboohr, merge, hibob, personio',
    );
    expect(() => app({ hibob: { rateLimit: 0 } })).toThrow(/^context: throttle\.hibob\.rateLimit Too small/);
  });
});
