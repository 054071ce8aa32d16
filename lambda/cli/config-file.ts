import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../config/load-file.js';
import type { Config } from '../config/schema.js';

export const CONFIG_FILE = 'hr-sync.config.json';
const EXAMPLE = fileURLToPath(new URL('../../hr-sync.config.example.json', import.meta.url));

/**
 * The configuration a command reasons with: `--config`, else `hr-sync.config.json` in the working
 * directory (what `cdk deploy` reads by default), else the example shipped with the project.
 * A ConfigError names the file and the key at fault.
 */
export function loadCliConfig(
  path: string | undefined,
  cwd: string,
): { config: Config; source: string; example: boolean } {
  const own = resolve(cwd, path ?? CONFIG_FILE);
  const file = path !== undefined || existsSync(own) ? own : EXAMPLE;
  const near = relative(cwd, file);
  const source = near && !near.startsWith('..') ? near : file;
  return { config: loadConfigFile(file), source, example: file === EXAMPLE };
}
