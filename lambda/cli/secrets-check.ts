import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Command } from 'commander';
import type { $ZodObject } from 'zod/v4/core';
import { newSecretsManagerClient } from '../aws/secret-reader.js';
import { formatPath } from '../config/load.js';
import { type SecretName, withDotEnv } from '../config/local-env.js';
import type { Config } from '../config/schema.js';
import { checkSecretShape, HeymarketSecret, HrisSecrets, WebhookSecrets } from '../config/secrets.js';
import { ProviderName } from '../providers/index.js';
import { act, type CliIo, type Outcome } from './command.js';
import { loadCliConfig } from './config-file.js';
import { OPERATOR_IAM } from './help-text.js';
import { localDataDir } from './local-target.js';
import { requiredEntries, type SecretReport } from './secret-report.js';
import { checkLocalSecrets } from './secrets-local.js';
import { cachedStackOutputs, type StackOutputs } from './stack-outputs.js';
import { addRegionOption, useRegion } from './target-options.js';

const DESCRIPTION = `Reads each secret and checks its JSON against the shape the functions expect and against the
providers the configuration enables. Prints ok, empty ({} as the stack creates it), invalid (with
the keys at fault) or unreadable for each; never a value, never a length. Exits 1 unless all are ok.

Without --stack, checks what the local host (npm start) runs with: the environment and a .env file
here (HEYMARKET_API_SECRET_ID/_KEY, WEBHOOK_SECRET_<PROVIDER>, BAMBOOHR_SUBDOMAIN/_API_KEY,
HIBOB_SERVICE_USER_ID/_TOKEN, MERGE_API_KEY/_ACCOUNT_TOKEN, PERSONIO_CLIENT_ID/_SECRET), the webhook
secrets it generated into its data directory, and its sandbox Heymarket when no Heymarket credentials
are set. An HR system without API credentials is noted (reconcile skips it), not a failure.`;

const SECRETS: readonly { name: SecretName; output: string; schema: $ZodObject }[] = [
  { name: 'heymarket', output: 'HeymarketSecretArn', schema: HeymarketSecret },
  { name: 'webhook', output: 'WebhookSecretArn', schema: WebhookSecrets },
  { name: 'hris', output: 'HrisSecretArn', schema: HrisSecrets },
];

interface CheckOptions {
  stack?: string;
  config?: string;
  dataDir?: string;
  region?: string;
  json?: boolean;
}

export function registerSecrets(program: Command, io: CliIo, outcome: Outcome): void {
  const secrets = program
    .command('secrets')
    .summary('check the secrets (secrets check)')
    .description(
      'The three secrets a deployment or the local host uses: Heymarket API, webhook signing, HR APIs.',
    );
  const check = secrets
    .command('check')
    .summary('each secret ok / empty / invalid, by key; never a value')
    .description(DESCRIPTION)
    .option(
      '--stack <name>',
      'the deployed stack: reads its HeymarketSecretArn, WebhookSecretArn and HrisSecretArn outputs, then each secret (secretsmanager:GetSecretValue)',
    )
    .option(
      '--config <file>',
      'which providers are enabled (default: what the local host runs with; with --stack, hr-sync.config.json here)',
    )
    .option(
      '--data-dir <dir>',
      "without --stack: the local host's data directory (or HR_SYNC_DATA_DIR; default .hr-sync)",
    );
  addRegionOption(check)
    .option('--json', 'machine-readable output')
    .addHelpText('after', `\noperator IAM with --stack: ${OPERATOR_IAM.secrets}`)
    .action(act(check, outcome, (options: CheckOptions) => checkSecrets(options, io)));
}

async function checkSecrets(values: CheckOptions, io: CliIo): Promise<number> {
  useRegion(values, io);
  const { config, source } = loadCliConfig({ path: values.config, stack: values.stack }, io);
  const enabled = ProviderName.options.filter((provider) => config.providers[provider].enabled);
  let reports: SecretReport[];
  let from: string;
  if (values.stack) {
    reports = await checkStackSecrets(values.stack, config);
    from = `stack ${values.stack}`;
  } else {
    const local = withDotEnv(io.env, io.cwd);
    const { dataDir } = localDataDir(values.dataDir, io.env, io.cwd);
    reports = checkLocalSecrets(local.env, config, dataDir);
    from = `the local host's environment${local.file ? ` and ${local.file}` : ''}`;
  }
  const ok = reports.every((report) => report.status === 'ok');
  if (values.json) {
    io.out(
      JSON.stringify({ from, config: source, enabledProviders: enabled, ok, secrets: reports }, null, 2),
    );
    return ok ? 0 : 1;
  }
  const notOk = reports.filter((report) => report.status !== 'ok').length;
  io.out(
    [
      `secrets in ${from}, for the providers enabled in ${source}: ${enabled.join(', ') || '(none)'}`,
      '',
      ...reports.flatMap((report) => [
        `  ${report.name.padEnd(9)}  ${report.status.padEnd(10)} ${report.from}`,
        ...report.problems.map((problem) => `             - ${problem}`),
        ...report.notes.map((note) => `             (${note})`),
      ]),
      '',
      ok
        ? 'all secrets ok'
        : `${notOk} of ${reports.length} secret(s) not ok: ${
            values.stack
              ? 'put the values with aws secretsmanager put-secret-value (README, "Secrets: what to put where")'
              : 'set the variables named above (in the environment or in .env), then restart the local host'
          }`,
    ].join('\n'),
  );
  return ok ? 0 : 1;
}

/** One secret's JSON, judged: its shape, then the entries the enabled providers need. */
export function judgeSecret(options: {
  name: SecretName;
  from: string;
  json: unknown;
  schema: $ZodObject;
  config: Config;
  nameOf?: (path: readonly PropertyKey[]) => string;
}): SecretReport {
  const { name, from, json, schema, config } = options;
  const nameOf = options.nameOf ?? ((path: readonly PropertyKey[]) => formatPath(path) || '(root)');
  const isObject = typeof json === 'object' && json !== null && !Array.isArray(json);
  const keys = isObject ? Object.keys(json) : [];
  const shape = checkSecretShape(json, schema, nameOf);
  const problems = shape.success ? [] : [...shape.problems];
  const required = requiredEntries(name, config);
  for (const [provider, why] of required) {
    if (isObject && (json as Record<string, unknown>)[provider] === undefined) {
      const where = nameOf([provider]);
      problems.push(`${where} ${where.includes(' and ') ? 'are' : 'is'} missing: ${why}`);
    }
  }
  const notes: string[] = [];
  const known = new Set(Object.keys(schema._zod.def.shape));
  // Counted, not named: a key is whatever someone typed, and may be a pasted value.
  const unknown = keys.filter((key) => !known.has(key)).length;
  if (unknown > 0) notes.push(`${unknown} key(s) this version does not read, ignored`);
  const empty = isObject && keys.length === 0;
  if (problems.length === 0) {
    if (empty) notes.push('empty ({}): nothing enabled needs it');
    return { name, from, status: 'ok', problems, notes };
  }
  return { name, from, status: empty ? 'empty' : 'invalid', problems, notes };
}

async function checkStackSecrets(
  stack: string,
  config: Config,
  outputsOf: StackOutputs = cachedStackOutputs(),
  client: SecretsManagerClient = newSecretsManagerClient(),
): Promise<SecretReport[]> {
  const outputs = await outputsOf(stack);
  return Promise.all(
    SECRETS.map(async ({ name, output, schema }): Promise<SecretReport> => {
      const arn = outputs[output];
      if (!arn) {
        return unreadable(
          name,
          `output ${output}`,
          `stack ${stack} has no ${output} output: is it a heymarket-hr-sync stack?`,
        );
      }
      let text: string | undefined;
      try {
        text = (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
      } catch (error) {
        return unreadable(name, arn, whyUnreadable(error));
      }
      if (text === undefined) {
        return {
          name,
          from: arn,
          status: 'invalid',
          problems: ['has no SecretString: store it as JSON text'],
          notes: [],
        };
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        // JSON.parse's message quotes the text.
        return { name, from: arn, status: 'invalid', problems: ['(root) is not JSON'], notes: [] };
      }
      return judgeSecret({ name, from: arn, json, schema, config });
    }),
  );
}

const unreadable = (name: SecretName, from: string, problem: string): SecretReport => ({
  name,
  from,
  status: 'unreadable',
  problems: [problem],
  notes: [],
});

/** By the error's name only: its message may quote the request. */
function whyUnreadable(error: unknown): string {
  const name = (error as { name?: unknown })?.name;
  switch (name) {
    case 'ResourceNotFoundException':
      return 'not found: check the stack output and AWS_REGION';
    case 'AccessDeniedException':
      return 'access denied: the operator needs secretsmanager:GetSecretValue on it (and kms:Decrypt if it uses your own KMS key)';
    case 'DecryptionFailure':
      return 'cannot be decrypted: the operator needs kms:Decrypt on its KMS key';
    default:
      return `could not be read (${typeof name === 'string' ? name : 'error'}): try again`;
  }
}
