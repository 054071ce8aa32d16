import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/load.js';

/**
 * A JSON file this host wrote into its data directory (the generated secrets, the sandbox's users),
 * or undefined when there is none yet: JSON itself is never undefined. One that cannot be read or is
 * not JSON is a ConfigError that starts with `label` and ends with `advice`, what the person does.
 */
export function readJsonFile(file: string, label: string, advice: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError(`${label}: cannot read ${file} (${code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(`${label}: ${file} is not valid JSON; ${advice}`);
  }
}
