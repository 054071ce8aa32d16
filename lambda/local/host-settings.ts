import { isIP } from 'node:net';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { ConfigError } from '../config/load.js';
import { readLocalSecret, withDotEnv } from '../config/local-env.js';
import type { Config } from '../config/schema.js';
import type { HrisSecrets, WebhookSecrets } from '../config/secrets.js';
import { AdminTokenValue } from './admin-token.js';
import {
  DEFAULT_CONFIG_FILE,
  DEFAULT_HEYMARKET_URL,
  type LocalHeymarket,
  loadLocalConfig,
  localConfigFile,
  localHeymarket,
} from './effective-settings.js';
import { asHostName } from './request-guard.js';

/** Everything the local host is started with, read and checked once, at the edge. */
export interface HostSettings {
  port: number;
  host: string;
  /** Absolute. */
  dataDir: string;
  config: Config;
  /** The config file read, absolute, or undefined for the local defaults (default-config.ts). */
  configFile: string | undefined;
  heymarket: LocalHeymarket;
  /** Webhook secrets set in the environment; the host generates the others (local-secrets.ts). */
  webhookSecrets: WebhookSecrets;
  hris: HrisSecrets;
  /** The `.env` file read, if there was one. */
  envFile: string | undefined;
  /** Between two scheduled reconcile runs (`HR_SYNC_RECONCILE_EVERY`, hours); 0: never. */
  reconcileEveryMs: number;
  /** `HR_SYNC_ADMIN_TOKEN`; unset: the host generates one into the data directory (admin-token.ts). */
  adminToken?: string | undefined;
  /** `HR_SYNC_ALLOWED_HOSTS`: names a request's `Host` may give besides this host's own (request-guard.ts). */
  allowedHosts?: readonly string[] | undefined;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.hr-sync';
export { DEFAULT_CONFIG_FILE, DEFAULT_HEYMARKET_URL };
/** Hours, as the stack's `reconcileSchedule` default `rate(1 day)`. */
export const DEFAULT_RECONCILE_EVERY_HOURS = 24;
// About three weeks: a timer cannot wait longer than 2^31 - 1 ms (24.8 days).
const MAX_RECONCILE_EVERY_HOURS = 500;

const NonEmpty = z.string().check(z.minLength(1, 'must not be empty'));

const HostEnv = z.object({
  PORT: z.optional(
    z
      .string()
      .check(
        z.refine(
          (value) => /^\d{1,5}$/.test(value) && Number(value) <= 65_535,
          'must be a port number from 0 to 65535 (0 picks a free one)',
        ),
      ),
  ),
  HOST: z.optional(NonEmpty),
  HR_SYNC_DATA_DIR: z.optional(NonEmpty),
  HR_SYNC_CONFIG_FILE: z.optional(NonEmpty),
  HEYMARKET_BASE_URL: z.optional(
    z.string().check(z.refine(isHttpUrl, 'must be an http(s) URL such as https://api.heymarket.com')),
  ),
  HR_SYNC_RECONCILE_EVERY: z.optional(
    z
      .string()
      .check(
        z.refine(
          (value) => /^\d+(\.\d+)?$/.test(value.trim()) && Number(value) <= MAX_RECONCILE_EVERY_HOURS,
          `must be a number of hours from 0 to ${MAX_RECONCILE_EVERY_HOURS} (0: never; default ${DEFAULT_RECONCILE_EVERY_HOURS})`,
        ),
      ),
  ),
  HR_SYNC_ADMIN_TOKEN: z.optional(AdminTokenValue),
  HR_SYNC_ALLOWED_HOSTS: z.optional(
    z
      .string()
      .check(
        z.refine(
          (value) => allowedHostNames(value) !== undefined,
          'must be host names separated by commas, without a scheme or port (e.g. hr-sync.example.test,my-tunnel.example.net)',
        ),
      ),
  ),
});

/**
 * Where the host listens, from the same variables (and `.env`) as `readHostSettings`, without reading
 * the rest: what `hr-sync reconcile` needs to reach a running host.
 */
export function readHostAddress(
  processEnv: Record<string, string | undefined>,
  cwd: string,
): { port: number; host: string } {
  const { env } = withDotEnv(processEnv, cwd);
  const parsed = z.pick(HostEnv, { PORT: true, HOST: true }).safeParse(env, { reportInput: false });
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `environment: ${String(issue.path[0])} ${issue.message}`).join('\n'),
    );
  }
  return {
    port: parsed.data.PORT === undefined ? DEFAULT_PORT : Number(parsed.data.PORT),
    host: parsed.data.HOST ?? DEFAULT_HOST,
  };
}

/** How a person reaches a listening address: an unspecified one is reached on this machine. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The local host's settings from the environment (over a `.env` file in `cwd`) and the config file.
 * Every problem is collected and thrown as one ConfigError, a line each, naming the variable or file
 * at fault and never its value.
 */
export function readHostSettings(processEnv: Record<string, string | undefined>, cwd: string): HostSettings {
  const { env, file: envFile } = withDotEnv(processEnv, cwd);
  const problems: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error.message);
      return undefined;
    }
  };

  const parsed = HostEnv.safeParse(env, { reportInput: false });
  const host = parsed.success ? parsed.data : {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`environment: ${String(issue.path[0])} ${issue.message}`);
  }

  const configFile = localConfigFile(host, cwd);
  const config = attempt(() => loadLocalConfig(host, cwd).config);
  const heymarket = attempt(() => localHeymarket(env, host.HEYMARKET_BASE_URL));
  const webhookSecrets = attempt(() => readLocalSecret('webhook', env));
  const hris = attempt(() => readLocalSecret('hris', env));

  if (problems.length > 0 || !config || !heymarket || !webhookSecrets || !hris) {
    throw new ConfigError(problems.join('\n'));
  }
  return {
    port: host.PORT === undefined ? DEFAULT_PORT : Number(host.PORT),
    host: host.HOST ?? DEFAULT_HOST,
    dataDir: resolve(cwd, host.HR_SYNC_DATA_DIR ?? DEFAULT_DATA_DIR),
    config,
    configFile,
    heymarket,
    webhookSecrets,
    hris,
    envFile,
    reconcileEveryMs: Number(host.HR_SYNC_RECONCILE_EVERY ?? DEFAULT_RECONCILE_EVERY_HOURS) * 60 * 60 * 1000,
    adminToken: host.HR_SYNC_ADMIN_TOKEN,
    allowedHosts: allowedHostNames(host.HR_SYNC_ALLOWED_HOSTS ?? '') ?? [],
  };
}

const HOST_NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/i;

/** `a.example, B.example.` as `['a.example', 'b.example']`; undefined when an entry is not a name. */
function allowedHostNames(value: string): string[] | undefined {
  const names = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bare = names.map((entry) => entry.replace(/^\[(.*)\]$/, '$1'));
  if (!bare.every((entry) => HOST_NAME.test(entry) || isIP(entry) === 6)) return undefined;
  return bare.map((entry) => asHostName(entry).replace(/\.$/, ''));
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
