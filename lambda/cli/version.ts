import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'heymarket-hr-sync';

/**
 * This package's version, from the nearest package.json of this package above this file: the same
 * answer whether the CLI runs from the sources in a clone or from built files in an installed package.
 */
export function packageVersion(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (json.name === PACKAGE && typeof json.version === 'string') return json.version;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
