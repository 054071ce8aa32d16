import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, parseConfig } from '../config/load.js';
import { loadConfigFile } from '../config/load-file.js';
import { readLocalSecret } from '../config/local-env.js';
import type { Config } from '../config/schema.js';
import type { HeymarketSecret } from '../config/secrets.js';
import { LOCAL_DEFAULT_CONFIG } from './default-config.js';

/**
 * What the local host runs with, decided once for the host (host-settings.ts) and for `hr-sync`
 * without --stack (lambda/cli/), so the two never disagree. `env` is the environment over `.env`
 * (config/local-env.ts `withDotEnv`).
 */

export const DEFAULT_CONFIG_FILE = 'hr-sync.config.json';
export const DEFAULT_HEYMARKET_URL = 'https://api.heymarket.com';

/** `HR_SYNC_CONFIG_FILE`, else `hr-sync.config.json` in `cwd` when it is there; absolute. Else none. */
export function localConfigFile(env: Record<string, string | undefined>, cwd: string): string | undefined {
  if (env.HR_SYNC_CONFIG_FILE) return resolve(cwd, env.HR_SYNC_CONFIG_FILE);
  const own = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(own) ? own : undefined;
}

/** The host's configuration: its file (`localConfigFile`), or the local defaults (default-config.ts). */
export function loadLocalConfig(
  env: Record<string, string | undefined>,
  cwd: string,
): { config: Config; configFile: string | undefined } {
  const configFile = localConfigFile(env, cwd);
  const config = configFile
    ? loadConfigFile(configFile)
    : parseConfig(LOCAL_DEFAULT_CONFIG, 'local defaults');
  return { config, configFile };
}

export type LocalHeymarket =
  | { kind: 'remote'; baseUrl: string; secret: HeymarketSecret }
  | { kind: 'sandbox' };

/**
 * Heymarket's API with `HEYMARKET_API_SECRET_ID`/`_KEY` (at `HEYMARKET_BASE_URL`), else the built-in
 * sandbox (sandbox-heymarket.ts). A ConfigError for half of a pair, or a URL without credentials.
 */
export function localHeymarket(
  env: Record<string, string | undefined>,
  baseUrl: string | undefined,
): LocalHeymarket {
  const hasCredentials =
    env.HEYMARKET_API_SECRET_ID !== undefined || env.HEYMARKET_API_SECRET_KEY !== undefined;
  if (hasCredentials) {
    return {
      kind: 'remote',
      baseUrl: baseUrl ?? DEFAULT_HEYMARKET_URL,
      secret: readLocalSecret('heymarket', env),
    };
  }
  if (env.HEYMARKET_BASE_URL !== undefined) {
    throw new ConfigError(
      'environment: HEYMARKET_BASE_URL is set but HEYMARKET_API_SECRET_ID and HEYMARKET_API_SECRET_KEY are not: set both to use that Heymarket, or unset HEYMARKET_BASE_URL to use the built-in sandbox',
    );
  }
  return { kind: 'sandbox' };
}
