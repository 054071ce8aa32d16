import { ConfigError } from '../lambda/config/load.js';
import type { Config } from '../lambda/config/schema.js';

/**
 * Lambda allows 4 KB of environment per function, names and values together. Beside the config the
 * worker holds the most: eight names (~125 bytes), two secret ARNs and two queue URLs (~130 bytes each
 * once deployed), the applied table's name (~60), the Heymarket base URL and the service name, about
 * 765 bytes; the rest is the config's.
 */
export const MAX_CONFIG_ENV_BYTES = 3_072;

/** `HR_SYNC_CONFIG`: the validated config, refused here if it would not fit Lambda's environment. */
export function configEnvironmentValue(config: Config, source: string): string {
  const json = JSON.stringify(config);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_CONFIG_ENV_BYTES) {
    throw new ConfigError(
      `config: is ${bytes} bytes once serialised, over the ${MAX_CONFIG_ENV_BYTES} that fit beside the other Lambda environment variables (4 KB in all); shorten identityOverrides or roles.rules in ${source}`,
    );
  }
  return json;
}
