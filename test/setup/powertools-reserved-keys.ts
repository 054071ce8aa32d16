import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach } from 'vitest';

/**
 * Fails the test during which Powertools' logger warned that it dropped a reserved attribute key
 * (`The key "message" is a reserved key and will be dropped.`): that line lost what it was logged for.
 * The warning goes through `Logger.prototype.warn` at any log level, so it is caught even when quiet.
 */
const DROPPED = /^The key ".+" is a reserved key and will be dropped\.$/;
const REGISTRY = Symbol.for('hr-sync.test.powertools-dropped-keys');
const registry = globalThis as { [REGISTRY]?: string[] };

// Patched once per process: the package is loaded once however many test files the process runs.
if (registry[REGISTRY] === undefined) {
  const dropped: string[] = [];
  registry[REGISTRY] = dropped;
  const warn = Logger.prototype.warn;
  Logger.prototype.warn = function (this: Logger, ...args: Parameters<Logger['warn']>) {
    if (typeof args[0] === 'string' && DROPPED.test(args[0])) dropped.push(args[0]);
    return warn.apply(this, args);
  };
}

/** The reserved-key warnings since the last call, taken so they do not fail the test. */
export function takeDroppedKeyWarnings(): string[] {
  return registry[REGISTRY]?.splice(0) ?? [];
}

afterEach(() => {
  const warnings = takeDroppedKeyWarnings();
  if (warnings.length > 0) {
    throw new Error(
      `Powertools dropped a log attribute: ${warnings.join(' ')} Rename it (lambda/observability/log.ts lists the keys Powertools keeps for itself).`,
    );
  }
});
