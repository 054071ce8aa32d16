import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../lambda/config/load.js';
import { loadConfigFile } from '../lambda/config/load-file.js';
import type { Config } from '../lambda/config/schema.js';
import { ProviderName } from '../lambda/providers/index.js';
import { DEFAULT_CONFIG_PATH } from './context.js';

export const EXAMPLE_CONFIG_PATH = 'hr-sync.config.example.json';

/**
 * The configuration the stack is built from: `-c config=PATH`, else `hr-sync.config.json` where `cdk`
 * runs. Without that file the synth fails and says how to make one; it never falls back to the
 * example, which would deploy providers the operator did not choose.
 */
export function loadDeployConfig(configPath: string): Config {
  if (configPath === DEFAULT_CONFIG_PATH && !existsSync(configPath)) {
    throw new ConfigError(
      `config: no ${DEFAULT_CONFIG_PATH} in ${process.cwd()}; the stack is built from your configuration, never the example.\n` +
        `Create it with \`cp ${EXAMPLE_CONFIG_PATH} ${DEFAULT_CONFIG_PATH}\` and edit it, or pass -c config=PATH.`,
    );
  }
  return loadConfigFile(configPath);
}

/** One line for the operator running `cdk synth` / `cdk deploy`: which file, which providers. */
export function describeDeployConfig(configPath: string, config: Config): string {
  const enabled = ProviderName.options.filter((provider) => config.providers[provider].enabled);
  const providers = enabled.length > 0 ? enabled.join(', ') : 'none (no webhook route is created)';
  const dryRun = config.dryRun ? '; dryRun: true (nothing is written to Heymarket)' : '';
  return `hr-sync: config ${resolve(configPath)}; providers enabled: ${providers}${dryRun}`;
}
