import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DEFAULT_STACK_NAME, readAppContext } from './context.js';
import { describeDeployConfig, loadDeployConfig } from './deploy-config.js';
import { HrSyncStack } from './stack.js';

/** The stack's name unless context `stackName` gives another. */
export const STACK_NAME = DEFAULT_STACK_NAME;

/**
 * The whole CDK app: context → validated config → stack, checked by cdk-nag's AwsSolutions pack.
 * Throws ConfigError / ContextError with a readable message; `app.ts` prints it. Tests call this with
 * their own context so they check exactly what `cdk synth` builds; `report` hears which config file
 * and providers the stack is built from (app.ts prints it for the operator).
 */
export function createApp(props: AppProps & { bundle?: boolean; report?: (line: string) => void } = {}): App {
  const { bundle, report, ...appProps } = props;
  const app = new App(appProps);
  const context = readAppContext(app.node);
  const config = loadDeployConfig(context.configPath);
  report?.(describeDeployConfig(context.configPath, config));

  new HrSyncStack(app, context.stackName, {
    description: 'heymarket-hr-sync: HR system webhooks → SQS → Heymarket users/update',
    // Environment-agnostic unless the CLI knows the account and region (it does with credentials).
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    config,
    configSource: context.configPath,
    heymarketBaseUrl: context.heymarketBaseUrl,
    heymarketSecretArn: context.heymarketSecretArn,
    webhookSecretArn: context.webhookSecretArn,
    hrisSecretArn: context.hrisSecretArn,
    alarmEmail: context.alarmEmail,
    throttle: context.throttle,
    wafRateLimitPer5Min: context.wafRateLimitPer5Min,
    bundle,
  });

  // Findings fail the synth (errors) or are listed by it (warnings); each acknowledgement sits on the
  // narrowest construct it concerns, with its reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}
