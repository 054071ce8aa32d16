import '../core/zod-locale.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as util from 'node:util';
import type * as z from 'zod/mini';
import { ownValue } from '../core/own-property.js';
import { apiProviders, credentialKeys, ProviderName } from '../providers/index.js';
import { ConfigError, formatPath } from './load.js';
import { checkSecretShape, HeymarketSecret, HrisSecrets, WebhookSecrets } from './secrets.js';

/**
 * Local mode keeps the three secrets in environment variables instead of Secrets Manager. This is
 * the one mapping from those variables onto the same zod schemas (config/secrets.ts), for the local
 * host and for `hr-sync secrets check` without `--stack`.
 */
export type SecretName = 'heymarket' | 'webhook' | 'hris';

// Local mode's variables follow from the names: `WEBHOOK_SECRET_<PROVIDER>` for a webhook secret and
// `<PROVIDER>_<KEY>` (constant case) for a credential, so a provider declares none and no Lambda
// bundle carries them.
const constantCase = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();

/** Each HR API's credential keys → their variables (`bamboohr.apiKey` → `BAMBOOHR_API_KEY`). */
const HRIS_VARIABLES: Record<string, Record<string, string>> = Object.fromEntries(
  apiProviders.map((provider) => [
    provider.name,
    Object.fromEntries(
      credentialKeys(provider).map((key) => [key, `${constantCase(provider.name)}_${constantCase(key)}`]),
    ),
  ]),
);

const HEYMARKET_VARIABLES = {
  apiSecretId: 'HEYMARKET_API_SECRET_ID',
  apiSecretKey: 'HEYMARKET_API_SECRET_KEY',
} as const;

/** `WEBHOOK_SECRET_STANDARD`, `WEBHOOK_SECRET_BAMBOOHR`, … */
export const webhookSecretVariable = (provider: ProviderName): string =>
  `WEBHOOK_SECRET_${constantCase(provider)}`;

/** The variables of one provider's HR API credentials (none for a provider without an HR API client). */
export function hrisVariables(provider: ProviderName): string[] {
  const entry = ownValue<Record<string, string>>(HRIS_VARIABLES, provider);
  return entry ? Object.values(entry) : [];
}

/** Every variable of one secret, in the order a person would set them. */
export function secretVariables(secret: SecretName): string[] {
  switch (secret) {
    case 'heymarket':
      return Object.values(HEYMARKET_VARIABLES);
    case 'webhook':
      return ProviderName.options.map(webhookSecretVariable);
    case 'hris':
      return Object.values(HRIS_VARIABLES).flatMap((entry) => Object.values(entry));
  }
}

/**
 * The variable (or variables) holding the key at `path` of a secret's JSON:
 * `['hibob', 'token']` of `hris` is `HIBOB_TOKEN`; `['hibob']` is both HiBob variables.
 */
export function variableAt(secret: SecretName, path: readonly PropertyKey[]): string {
  const [first, second] = path.map(String);
  if (secret === 'heymarket') {
    return ownValue<string>(HEYMARKET_VARIABLES, first ?? '') ?? secretVariables(secret).join(', ');
  }
  if (secret === 'webhook') {
    const provider = ProviderName.safeParse(first);
    return provider.success ? webhookSecretVariable(provider.data) : formatPath(path) || '(root)';
  }
  const entry = ownValue<Record<string, string>>(HRIS_VARIABLES, first ?? '');
  if (!entry) return formatPath(path) || '(root)';
  return (second === undefined ? undefined : ownValue(entry, second)) ?? Object.values(entry).join(' and ');
}

/** Only the variables that are set, so an unset one reads as a missing key, as in the JSON secret. */
function pick(env: Env, names: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(names).flatMap(([key, name]) => (env[name] === undefined ? [] : [[key, env[name]]])),
  );
}

type Env = Record<string, string | undefined>;

/**
 * What the environment holds for each secret, shaped as its JSON in Secrets Manager: a provider's
 * entry exists once any of its variables is set, so a half-configured provider is reported, and a
 * secret with none of its variables set is `{}`, like the empty secret the stack creates.
 */
export function localSecretInputs(env: Env): Record<SecretName, Record<string, unknown>> {
  const webhook = Object.fromEntries(
    ProviderName.options.flatMap((provider) => {
      const value = env[webhookSecretVariable(provider)];
      return value === undefined ? [] : [[provider, value]];
    }),
  );
  const hris = Object.fromEntries(
    Object.entries(HRIS_VARIABLES).flatMap(([provider, names]) => {
      const entry = pick(env, names);
      return Object.keys(entry).length === 0 ? [] : [[provider, entry]];
    }),
  );
  return { heymarket: pick(env, HEYMARKET_VARIABLES), webhook, hris };
}

const SCHEMAS = { heymarket: HeymarketSecret, webhook: WebhookSecrets, hris: HrisSecrets } as const;

/**
 * One secret read from the environment, validated by its schema; a ConfigError names the variables
 * at fault, never their values. For the local host, which reads what the stack keeps in Secrets Manager.
 */
export function readLocalSecret<K extends SecretName>(secret: K, env: Env): z.infer<(typeof SCHEMAS)[K]> {
  const result = checkSecretShape(localSecretInputs(env)[secret], SCHEMAS[secret], (path) =>
    variableAt(secret, path),
  );
  if (result.success) return result.data as z.infer<(typeof SCHEMAS)[K]>;
  throw new ConfigError(result.problems.map((problem) => `environment: ${problem}`).join('\n'));
}

/**
 * The process environment over a `.env` file in `cwd`, if there is one (Node's own parser, no dotenv):
 * a variable set in the environment wins, as with every dotenv tool. `file` is the path read, if any.
 */
export function withDotEnv(
  env: Env = process.env,
  cwd: string = process.cwd(),
): { env: Env; file: string | undefined } {
  const file = join(cwd, '.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { env, file: undefined };
    throw new ConfigError(`.env: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // util.parseEnv came in Node 20.12; the package allows any Node 20, so an older one is told why.
  if (typeof util.parseEnv !== 'function') {
    throw new ConfigError(`.env: reading ${file} needs Node.js 20.12 or newer (util.parseEnv)`);
  }
  return { env: { ...util.parseEnv(text), ...env }, file };
}
