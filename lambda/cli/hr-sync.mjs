#!/usr/bin/env node
// The `hr-sync` bin: runs the TypeScript CLI with tsx (the CLI is not bundled; it runs from the repo).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
// Resolved from here, not from the caller's directory, so the bin works wherever it is run.
const tsx = import.meta.resolve('tsx');
const result = spawnSync(process.execPath, ['--import', tsx, main, ...process.argv.slice(2)], {
  stdio: 'inherit',
  // The AWS SDK's notice that its 2027 releases need Node 22 is nine lines on every run on Node 20,
  // above the one line the CLI prints; set the variable to false to see it.
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env },
});
process.exit(result.status ?? 1);
