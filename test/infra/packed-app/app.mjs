// Another team's CDK app, as construct.packed.test.ts installs it from the packed tarball: two teams'
// instances in one stack, cdk-nag AwsSolutions on, Lambda code bundled for real by this app's esbuild.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HeymarketHrSync } from 'heymarket-hr-sync';
import { Config } from 'heymarket-hr-sync/config';

const env = { account: '123456789012', region: 'eu-west-1' };
// The metafile (off by default) shows which files each bundle was built from: the test checks them.
const app = new App({ outdir: 'cdk.out', context: { 'hr-sync:metafile': true } });
const stack = new Stack(app, 'Teams', { env });
new HeymarketHrSync(stack, 'Sales', {
  namePrefix: 'Sales',
  config: Config.parse({ providers: { standard: { enabled: true } } }),
  alarmEmail: 'sales-ops@example.com',
});
new HeymarketHrSync(stack, 'Support', {
  namePrefix: 'Support',
  configFile: 'support.config.json',
  heymarketSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:support-heymarket-AbCdEf',
  schedules: { reconcile: 'cron(0 3 * * ? *)' },
  wafRateLimitPer5Min: 2000,
});
// Errors fail the synth; warnings land in cdk.out/validation-report.json.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const assembly = app.synth();

// The same pack on a queue nobody secured: proof that the pack is live in this app, so an empty
// report above means no finding rather than no check.
const control = new Stack(new App(), 'Control', { env });
new sqs.Queue(control, 'Unsecured');
const count = (report) => report.violations.flatMap((violation) => violation.violatingResources).length;
writeFileSync(
  'result.json',
  JSON.stringify({
    assembly: resolve(assembly.directory),
    control: count(new AwsSolutionsChecks().validateScope(control)),
  }),
);
