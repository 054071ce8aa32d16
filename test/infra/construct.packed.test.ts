import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as another team gets it: `npm run build` and `npm pack` on a copy of this repository
 * (so the build never rewrites this checkout's dist/ under a running CLI), the tarball installed into
 * a fresh CDK app outside the repository with the exact peer versions this repository locks, and that
 * app (test/infra/packed-app/app.mjs) synthesised for real: two teams' instances in one stack,
 * esbuild bundling the Lambda code from node_modules, cdk-nag AwsSolutions as a validation plugin.
 */
const REPO = process.cwd();
// Measured on a shared, busy 2-core machine: build ~25 s, pack ~4 s, install ~25 s (npm cache warm), synth ~45 s.
const SETUP_TIMEOUT_MS = 10 * 60_000;
const PEERS = ['aws-cdk-lib', 'constructs', 'cdk-nag', 'esbuild'] as const;
// Left out of the copy: installed or generated, never packed.
const NOT_COPIED = new Set(['node_modules', 'dist', 'cdk.out', '.git', 'coverage', '.scratch', '.hr-sync']);

const work = mkdtempSync(join(tmpdir(), 'hr-sync-packed-'));
const stage = join(work, 'stage');
const app = join(work, 'app');
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, { Export?: unknown }>;
}
let packed: string[] = [];
let result: { assembly: string; control: number };
let template: Template;
let report: { pluginReports: { violations: unknown[] }[] };

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: SETUP_TIMEOUT_MS,
  });
const timed = <T>(what: string, step: () => T): T => {
  const start = performance.now();
  const value = step();
  console.log(`${what}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return value;
};

beforeAll(() => {
  cpSync(REPO, stage, { recursive: true, filter: (path) => !NOT_COPIED.has(basename(path)) });
  symlinkSync(join(REPO, 'node_modules'), join(stage, 'node_modules'), 'dir');
  timed('npm run build', () => run('npm', ['run', 'build'], stage));
  const [pack] = timed('npm pack', () =>
    JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], stage)),
  ) as { filename: string; files: { path: string }[] }[];
  if (!pack) throw new Error('npm pack reported no tarball');
  packed = pack.files.map((file) => file.path);

  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8'));
  const version = (name: string): string => lock.packages[`node_modules/${name}`].version;
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'team-cdk-app',
      private: true,
      type: 'module',
      dependencies: {
        'heymarket-hr-sync': `file:${join(work, pack.filename)}`,
        ...Object.fromEntries(PEERS.map((name) => [name, version(name)])),
      },
    }),
  );
  for (const file of ['app.mjs', 'support.config.json']) {
    copyFileSync(join(REPO, 'test/infra/packed-app', file), join(app, file));
  }
  // Scripts off: better-sqlite3 (local mode only) would compile, and a synth needs no native module.
  timed('npm install', () =>
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], app),
  );
  timed('synth', () => run(process.execPath, ['app.mjs'], app));

  result = JSON.parse(readFileSync(join(app, 'result.json'), 'utf8'));
  template = JSON.parse(readFileSync(join(result.assembly, 'Teams.template.json'), 'utf8'));
  report = JSON.parse(readFileSync(join(result.assembly, 'validation-report.json'), 'utf8'));
}, SETUP_TIMEOUT_MS);

/** Properties CloudFormation takes as a name that must be unique in the account or region. */
const PHYSICAL_NAMES: Record<string, string> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::Scheduler::Schedule': 'Name',
  'AWS::CloudWatch::Dashboard': 'DashboardName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::ApiGateway::RestApi': 'Name',
  'AWS::WAFv2::WebACL': 'Name',
};

describe('the packed construct in another team’s CDK app', () => {
  it('ships the built construct and config schema with their types, and the handler sources to bundle', () => {
    for (const path of [
      'dist/infra/heymarket-hr-sync.js',
      'dist/infra/heymarket-hr-sync.d.ts',
      'dist/lambda/config/index.js',
      'dist/lambda/config/index.d.ts',
      'lambda/handlers/receiver.ts',
      'lambda/handlers/worker.ts',
      'lambda/handlers/scheduler.ts',
      'lambda/handlers/leaver-notifier.ts',
    ]) {
      expect(packed, path).toContain(path);
    }
    expect(packed.filter((path) => path.startsWith('test/') || path.startsWith('infra/'))).toEqual([]);
  });

  it('runs the hr-sync CLI from the built JS, with no TypeScript runner installed', () => {
    const bin = join(app, 'node_modules/heymarket-hr-sync/lambda/cli/hr-sync.mjs');
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(() =>
      run(process.execPath, ['-e', "import.meta.resolve('tsx')", '--input-type=module'], app),
    ).toThrow();

    expect(run(process.execPath, [bin, '--version'], app).trim()).toBe(version);
    expect(run(process.execPath, [bin, 'dlq', '--help'], app)).toContain('replay');
  });

  it('synthesises two teams in one stack with no cdk-nag AwsSolutions finding left unacknowledged', () => {
    expect(report.pluginReports.flatMap((plugin) => plugin.violations)).toEqual([]);
    // The pack is live in that app: an unsecured queue beside it is reported.
    expect(result.control).toBeGreaterThan(0);
  });

  it('gives no two resources the same physical name, and exports nothing', () => {
    const names = Object.values(template.Resources).flatMap((resource) => {
      const key = PHYSICAL_NAMES[resource.Type];
      const value = key === undefined ? undefined : resource.Properties?.[key];
      return value === undefined ? [] : [`${resource.Type} ${JSON.stringify(value)}`];
    });
    expect(names.length).toBeGreaterThanOrEqual(8);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    for (const prefix of ['Sales', 'Support']) {
      expect(names).toContain(`AWS::SQS::Queue "${prefix}-changes"`);
      expect(names).toContain(`AWS::SQS::Queue "${prefix}-changes-dlq"`);
      expect(names).toContain(`AWS::CloudWatch::Dashboard "${prefix}-eu-west-1"`);
      expect(names).toContain(`AWS::ApiGateway::RestApi "${prefix}-webhooks"`);
    }
    expect(Object.values(template.Outputs ?? {}).filter((output) => output.Export)).toEqual([]);
  });

  it('bundles every function of both instances from the installed package’s handler sources', () => {
    const functions = Object.entries(template.Resources).filter(
      ([, resource]) => resource.Type === 'AWS::Lambda::Function',
    );
    expect(functions.map(([id]) => id.replace(/[A-F0-9]{8}$/, '')).sort()).toEqual([
      'SalesLeaverNoticesNotifierFunction',
      'SalesReceiverFunction',
      'SalesRedriveSchedulerFunction',
      'SalesWorkerFunction',
      'SupportLeaverNoticesNotifierFunction',
      'SupportReceiverFunction',
      'SupportRedriveSchedulerFunction',
      'SupportWorkerFunction',
    ]);
    for (const [id, resource] of functions) {
      const { S3Key: key } = (resource.Properties as { Code: unknown }).Code as { S3Key: string };
      const dir = join(result.assembly, `asset.${key.replace(/\.zip$/, '')}`);
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith('import { createRequire as __hrSyncCreateRequire }'), id).toBe(true);
      const meta = JSON.parse(readFileSync(join(dir, 'index.meta.json'), 'utf8')) as {
        inputs: Record<string, unknown>;
        outputs: Record<string, { entryPoint?: string }>;
      };
      const entries = Object.values(meta.outputs).flatMap((output) => output.entryPoint ?? []);
      expect(entries, id).toHaveLength(1);
      expect(entries[0], id).toMatch(/^node_modules\/heymarket-hr-sync\/lambda\/handlers\/[\w-]+\.ts$/);
      // Our own code, every module of it, came from the installed package, none from this repository.
      const ours = Object.keys(meta.inputs).filter(
        (input) => !/node_modules\/(?!heymarket-hr-sync\/)/.test(input),
      );
      expect(ours.length, id).toBeGreaterThan(10);
      expect(
        ours.filter((input) => !input.startsWith('node_modules/heymarket-hr-sync/lambda/')),
        id,
      ).toEqual([]);
    }
  });
});
