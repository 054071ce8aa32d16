import type { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * Node.js 24: the newest Lambda runtime (supported to 2028; 22 ends in 2027). It drops callback-style
 * handlers, which we do not use. The esbuild target follows it so nothing is down-levelled needlessly.
 */
export const RUNTIME = lambda.Runtime.NODEJS_24_X;
const ESBUILD_TARGET = 'node24';

/** Log retention for function and access logs: long enough to investigate a sync a month back. */
export const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

// ESM output cannot `require`, but a few bundled CommonJS dependencies still call it for Node
// built-ins; define one from `import.meta.url`. Aliased so it cannot collide with a bundled name.
const REQUIRE_SHIM =
  "import { createRequire as __hrSyncCreateRequire } from 'node:module'; const require = __hrSyncCreateRequire(import.meta.url);";

/**
 * Modules the SDK reaches only through a dynamic `import()` that never runs in these functions:
 * - the default credential chain tries the environment first and imports the others (ini, sso,
 *   process, web identity, container/HTTP, instance metadata) only when it holds no credentials or
 *   AWS_PROFILE is set; Lambda always puts the role's credentials in the environment;
 * - event-stream serde, imported by the HTTP protocol only for event-stream operations, which SQS and
 *   Secrets Manager do not have.
 * Leaving them out takes ~140 KB off each bundle (esbuild metafile). Were one ever reached (a local run
 * of a bundle with no credentials in the environment), its import fails at once with a clear error.
 */
export const UNREACHABLE_AT_RUNTIME = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/token-providers',
  '@aws-sdk/nested-clients',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
  '@smithy/core/event-streams',
];

/**
 * CDK context key: `cdk synth -c hr-sync:metafile=true` writes esbuild's metafile (what makes each
 * bundle big) beside each bundle. Off by default: NodejsFunction puts it in the asset directory, so
 * every deployed zip would carry it (350–460 KB, more than the code). The size tests turn it on.
 */
export const METAFILE_CONTEXT = 'hr-sync:metafile';

const wantsMetafile = (scope: Construct): boolean => {
  const value: unknown = scope.node.tryGetContext(METAFILE_CONTEXT);
  return value === true || value === 'true';
};

export interface SyncFunctionProps {
  /** Absolute path of the handler module; it exports `handler`. */
  entry: string;
  description: string;
  timeout: Duration;
  memorySize: number;
  environment: Record<string, string>;
}

/**
 * One of the project's functions: bundled ESM with the AWS SDK inside, arm64, its own log group with
 * retention, JSON logs, and its own role that can write only to that log group. The role starts with
 * no managed policy (AWSLambdaBasicExecutionRole would allow writing to every log group in the
 * account); each function is then granted exactly what it uses.
 */
export class SyncFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: SyncFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: LOG_RETENTION });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${id}: its log group and the grants made in the stack, nothing else`,
    });
    // The log group exists before the function runs, so CreateLogGroup is not needed.
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      environment: props.environment,
      bundling: {
        format: OutputFormat.ESM,
        target: ESBUILD_TARGET,
        banner: REQUIRE_SHIM,
        // Prefer ESM entry points: they tree-shake (the AWS SDK and zod most of all).
        mainFields: ['module', 'main'],
        minify: true,
        // No source maps: `--enable-source-maps` costs init time on every cold start
        // (https://github.com/nodejs/node/issues/41541),
        // and without it a map is dead weight in the zip.
        sourceMap: false,
        // Bundle the AWS SDK instead of using the runtime's copy: pinned versions, smaller cold start
        // (only the clients we import), and the e2e tests run exactly what is deployed. Except the
        // credential providers Lambda never reaches (see below).
        externalModules: UNREACHABLE_AT_RUNTIME,
        // esbuild's metafile lands in the asset, so it is written only when asked for (METAFILE_CONTEXT).
        metafile: wantsMetafile(this),
      },
    });
  }
}
