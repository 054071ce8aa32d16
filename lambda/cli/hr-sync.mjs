#!/usr/bin/env node
// The `hr-sync` bin: runs the TypeScript CLI with tsx (the CLI is not bundled; it runs from the repo).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
// Resolved from here, not from the caller's directory, so the bin works wherever it is run.
const tsx = import.meta.resolve('tsx');
const result = spawnSync(process.execPath, ['--import', tsx, main, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
