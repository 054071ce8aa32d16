import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Infra tests synthesise CDK apps (seconds each); two cores are few, so keep forks modest.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: {
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      // The AWS SDK warns once per process that it will leave Node 20 behind (@aws-sdk/core,
      // emitWarningIfUnsupportedVersion): dozens of copies in a run. Lambda runs Node 24, where it never fires.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    // A test fails if Powertools drops a reserved log key while it runs.
    setupFiles: ['test/setup/powertools-reserved-keys.ts'],
  },
});
