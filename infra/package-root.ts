import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory holding this package's package.json: the repository in a clone (this file is
 * infra/package-root.ts), or node_modules/heymarket-hr-sync when installed (this file is then
 * dist/infra/package-root.js). The handlers' TypeScript sources ship in the package (package.json
 * `files`), so the consumer's esbuild bundles the same code from either place.
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`heymarket-hr-sync: no package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
  return dir;
}

/** The entry of one Lambda handler (lambda/handlers/<name>.ts), inside the package. */
export const handlerEntry = (name: 'receiver' | 'worker' | 'scheduler' | 'leaver-notifier'): string =>
  join(packageRoot(), 'lambda', 'handlers', `${name}.ts`);
