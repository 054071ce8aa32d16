import '../core/zod-locale.js';
import type { $ZodError } from 'zod/v4/core';
import { formatPath } from './format-path.js';
import { Config } from './schema.js';

export { formatPath };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** One line per problem: where, what, and in which file; never the offending value itself. */
export function describeIssues(prefix: string, error: $ZodError, source: string): string {
  return error.issues
    .map((issue) => `${prefix}: ${formatPath(issue.path) || '(root)'} ${issue.message} in ${source}`)
    .join('\n');
}

export function parseConfig(json: unknown, source: string): Config {
  const result = Config.safeParse(json, { reportInput: false });
  if (!result.success) throw new ConfigError(describeIssues('config', result.error, source));
  return result.data;
}

export function parseConfigText(text: string, source: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config: not valid JSON (${(error as Error).message}) in ${source}`);
  }
  return parseConfig(json, source);
}

/** At Lambda start the stack hands over the config it validated at synth time, as `HR_SYNC_CONFIG`. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const text = env.HR_SYNC_CONFIG;
  return text ? parseConfigText(text, 'HR_SYNC_CONFIG') : parseConfig({}, 'defaults');
}
