import { ConfigError } from '../lambda/config/load.js';
import { ContextError } from './context.js';
import { createApp } from './hr-sync-app.js';

// Run by the CDK CLI (cdk.json). A bad config file or context value is the operator's to fix: print
// the message (path and problem) without a stack trace and fail the synth.
try {
  // To stderr, which the CDK CLI shows as the app runs: which file and providers this stack is built from.
  createApp({ report: (line) => console.error(line) });
} catch (error) {
  if (error instanceof ConfigError || error instanceof ContextError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
