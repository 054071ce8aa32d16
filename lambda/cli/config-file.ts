import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { loadConfigFile } from '../config/load-file.js';
import { withDotEnv } from '../config/local-env.js';
import type { Config } from '../config/schema.js';
import { DEFAULT_CONFIG_FILE, loadLocalConfig } from '../local/effective-settings.js';
import type { CliIo } from './command.js';
import { UsageError } from './exit-errors.js';

export const CONFIG_FILE = DEFAULT_CONFIG_FILE;

/**
 * The configuration a command reasons with: `--config FILE`; with `--stack`, `hr-sync.config.json`
 * here (what a deploy reads by default), which must then be there; else exactly what the local host
 * runs with (lambda/local/effective-settings.ts: HR_SYNC_CONFIG_FILE, hr-sync.config.json, or its
 * defaults). A ConfigError names the file and the key at fault.
 */
export function loadCliConfig(
  options: { path: string | undefined; stack?: string | undefined },
  io: Pick<CliIo, 'env' | 'cwd'>,
): { config: Config; source: string } {
  const { cwd } = io;
  if (options.path !== undefined) {
    const file = resolve(cwd, options.path);
    return { config: loadConfigFile(file), source: near(file, cwd) };
  }
  if (options.stack !== undefined) {
    const file = resolve(cwd, CONFIG_FILE);
    if (!existsSync(file)) {
      throw new UsageError(
        `no ${CONFIG_FILE} here: pass --config FILE, the configuration stack ${options.stack} was deployed with`,
        false,
      );
    }
    return { config: loadConfigFile(file), source: near(file, cwd) };
  }
  const { config, configFile } = loadLocalConfig(withDotEnv(io.env, cwd).env, cwd);
  return {
    config,
    source: configFile ? near(configFile, cwd) : `the local host's defaults (no ${CONFIG_FILE} here)`,
  };
}

/** Relative to `cwd` when the file is under it, else absolute. */
function near(file: string, cwd: string): string {
  const path = relative(cwd, file);
  return path && !path.startsWith('..') ? path : file;
}
