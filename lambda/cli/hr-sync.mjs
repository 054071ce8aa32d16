#!/usr/bin/env node
// The `hr-sync` bin. Runs the built CLI (dist/, from `npm run build`: `prepare` runs it after `npm ci`,
// and the package ships it), so no TypeScript runner is needed; in a clone that has not been built yet,
// falls back to the TypeScript sources with tsx (a devDependency).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../../dist/lambda/cli/main.js', import.meta.url));
if (existsSync(built)) {
  await import(built);
} else {
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));
  // Resolved from here, not from the caller's directory, so the bin works wherever it is run.
  const tsx = import.meta.resolve('tsx');
  const result = spawnSync(process.execPath, ['--import', tsx, main, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
