import { readFileSync } from 'node:fs';
import { ConfigError, parseConfigText } from './load.js';
import type { Config } from './schema.js';

/** Used by the CDK app at synth time and by local tools; Lambda reads `HR_SYNC_CONFIG` instead. */
export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `config: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return parseConfigText(text, path);
}
