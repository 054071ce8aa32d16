import { randomBytes } from 'node:crypto';
import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/load.js';
import { webhookSecretVariable } from '../config/local-env.js';
import { checkSecretShape, WebhookSecrets } from '../config/secrets.js';
import { ProviderName } from '../providers/index.js';
import { readJsonFile } from './json-file.js';

export const LOCAL_SECRETS_FILE = 'local-secrets.json';

export interface ResolvedWebhookSecrets {
  secrets: WebhookSecrets;
  /** Where each enabled provider's secret comes from. */
  sources: Partial<Record<ProviderName, 'environment' | 'generated'>>;
  /** The generated secrets' file, when any enabled provider uses it. */
  file: string | undefined;
}

/**
 * The webhook secret of every enabled provider: its `WEBHOOK_SECRET_<PROVIDER>` variable when set,
 * otherwise one generated once into `<data dir>/local-secrets.json` (mode 0600) and kept there, so
 * a fresh clone can receive signed deliveries at once and a sender keeps working across restarts.
 * The file holds one for every provider, in the form each provider's verification takes.
 */
export function resolveWebhookSecrets(
  dataDir: string,
  fromEnvironment: WebhookSecrets,
  enabled: readonly ProviderName[],
): ResolvedWebhookSecrets {
  const sources: ResolvedWebhookSecrets['sources'] = {};
  const secrets: WebhookSecrets = {};
  const missing = enabled.filter((provider) => {
    const value = fromEnvironment[provider];
    if (value !== undefined) {
      secrets[provider] = value;
      sources[provider] = 'environment';
    }
    return value === undefined;
  });
  if (missing.length === 0) return { secrets, sources, file: undefined };

  const file = join(dataDir, LOCAL_SECRETS_FILE);
  const stored = readGenerated(file) ?? {};
  const complete: WebhookSecrets = { ...stored };
  for (const provider of ProviderName.options) complete[provider] ??= generateSecret(provider);
  if (ProviderName.options.some((provider) => stored[provider] === undefined)) writeGenerated(file, complete);
  for (const provider of missing) {
    secrets[provider] = complete[provider];
    sources[provider] = 'generated';
  }
  return { secrets, sources, file };
}

/**
 * The secrets the host generated into `dataDir`, read without writing anything (`hr-sync secrets
 * check`); undefined when it has generated none yet. A ConfigError when the file is not as the host
 * would accept it.
 */
export function readGeneratedWebhookSecrets(dataDir: string): WebhookSecrets | undefined {
  return readGenerated(join(dataDir, LOCAL_SECRETS_FILE));
}

/** Standard Webhooks keys are `whsec_` + base64; the other providers take any string. */
function generateSecret(provider: ProviderName): string {
  const bytes = randomBytes(32);
  return provider === 'standard' ? `whsec_${bytes.toString('base64')}` : bytes.toString('base64url');
}

function readGenerated(file: string): WebhookSecrets | undefined {
  const json = readJsonFile(file, 'secrets', 'delete it to generate new secrets');
  if (json === undefined) return undefined;
  const result = checkSecretShape(json, WebhookSecrets);
  if (!result.success) {
    throw new ConfigError(
      result.problems
        .map((problem) => `secrets: ${problem} in ${file}; fix it, delete it, or set ${variablesOf(problem)}`)
        .join('\n'),
    );
  }
  return result.data;
}

/** Written whole and renamed into place, so a crash never leaves half a file; readable by its owner only. */
function writeGenerated(file: string, secrets: WebhookSecrets) {
  const partial = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    chmodSync(partial, 0o600);
    renameSync(partial, file);
  } catch (error) {
    throw new ConfigError(
      `secrets: cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

/** `WEBHOOK_SECRET_STANDARD` for a problem about `standard`; every variable when it is not clear. */
function variablesOf(problem: string): string {
  const provider = ProviderName.options.find((name) => problem.startsWith(`${name} `));
  return provider ? webhookSecretVariable(provider) : 'the WEBHOOK_SECRET_<PROVIDER> variables';
}
