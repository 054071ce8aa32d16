#!/usr/bin/env node
// The `hr-sync` bin. In a clone (tsx, a devDependency, is installed) it runs the TypeScript sources, so
// it never runs a stale build; installed as a package it runs the built CLI (dist/, which the package
// ships), so no TypeScript runner is needed at run time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const tsx = (() => {
  try {
    // Resolved from here, not from the caller's directory, so the bin works wherever it is run.
    return import.meta.resolve('tsx');
  } catch {
    return undefined;
  }
})();
const built = fileURLToPath(new URL('../../dist/lambda/cli/main.js', import.meta.url));
const source = fileURLToPath(new URL('./main.ts', import.meta.url));

if (tsx === undefined && existsSync(built)) {
  await import(built);
} else {
  const result = spawnSync(process.execPath, ['--import', tsx ?? 'tsx', source, ...process.argv.slice(2)], {
    stdio: 'inherit',
    // The AWS SDK's notice that its 2027 releases need Node 22 is nine lines on every run on Node 20,
    // above the one line the CLI prints; set the variable to false to see it.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env },
  });
  process.exit(result.status ?? 1);
}
