import { hrisVariables, secretVariables, webhookSecretVariable } from '../config/local-env.js';
import type { HrisSecrets } from '../config/secrets.js';
import type { LocalHost } from './host.js';
import { DEFAULT_CONFIG_FILE, type HostSettings } from './host-settings.js';

/**
 * Where everything is, one line each: webhook URLs, health, the data file, the config, the Heymarket
 * target (or the SANDBOX), where generated secrets are kept. Paths and variable names only: never a
 * secret's value, which stays in its file or variable.
 */
export function bannerLines(host: LocalHost, settings: HostSettings): string[] {
  const rows: [string, string][] = [];
  for (const provider of host.enabledProviders) {
    rows.push([`webhook ${provider}`, `POST ${host.url}/webhooks/${provider}`]);
  }
  if (host.enabledProviders.length === 0) {
    rows.push(['webhooks', `none: no provider is enabled in ${settings.configFile ?? 'the configuration'}`]);
  }
  rows.push(['health', `GET  ${host.url}/healthz`]);
  const hours = settings.reconcileEveryMs / 3_600_000;
  rows.push([
    'reconcile',
    `POST ${host.url}/reconcile (npm run hr-sync -- reconcile), ${hours > 0 ? `and every ${hours} h` : 'never on a schedule'} (HR_SYNC_RECONCILE_EVERY)`,
  ]);
  rows.push([
    'admin token',
    host.adminTokenFile
      ? `${host.adminTokenFile} (POST /reconcile requires it; hr-sync reconcile reads it there)`
      : 'HR_SYNC_ADMIN_TOKEN (POST /reconcile requires it)',
  ]);
  rows.push(['data', `${host.dataFile} (queue, dead letters, applied changes)`]);
  rows.push([
    'config',
    settings.configFile ??
      `local defaults: standard, bamboohr, merge (no ${DEFAULT_CONFIG_FILE} here; copy hr-sync.config.example.json to start one)`,
  ]);
  if (host.sandbox) {
    rows.push([
      'heymarket',
      `SANDBOX at ${host.sandbox.url}, not your Heymarket (set ${secretVariables('heymarket').join(' and ')} to use yours)`,
    ]);
    rows.push(['sandbox users', `GET  ${host.sandbox.url}/v1/sandbox/users`]);
  } else if (settings.heymarket.kind === 'remote') {
    rows.push([
      'heymarket',
      `${settings.heymarket.baseUrl} (API secret from ${secretVariables('heymarket').join(', ')})`,
    ]);
  }
  const { sources, file } = host.webhookSecrets;
  const generated = host.enabledProviders.filter((provider) => sources[provider] === 'generated');
  const fromEnvironment = host.enabledProviders.filter((provider) => sources[provider] === 'environment');
  if (generated.length > 0 && file) {
    rows.push(['webhook secrets', `${generated.join(', ')}: generated, kept in ${file}`]);
  }
  if (fromEnvironment.length > 0) {
    rows.push([
      'webhook secrets',
      fromEnvironment.map((provider) => webhookSecretVariable(provider)).join(', '),
    ]);
  }
  const hris = host.enabledProviders.filter((provider) => hrisVariables(provider).length > 0);
  const withApi = hris.filter((provider) => settings.hris[provider as keyof HrisSecrets] !== undefined);
  const withoutApi = hris.filter((provider) => settings.hris[provider as keyof HrisSecrets] === undefined);
  if (withApi.length > 0)
    rows.push(['HR API', withApi.map((provider) => hrisVariables(provider).join(', ')).join('; ')]);
  if (withoutApi.length > 0) {
    rows.push([
      'HR API',
      `not set for ${withoutApi.join(', ')} (${withoutApi.map((provider) => hrisVariables(provider).join(', ')).join('; ')}): its thin events go to the dead-letter queue`,
    ]);
  }
  if (settings.envFile) rows.push(['.env', settings.envFile]);
  if (host.recovered > 0)
    rows.push(['recovered', `${host.recovered} change(s) a stopped run had in hand, queued again`]);
  if (settings.config.dryRun)
    rows.push(['DRY RUN', 'patches are logged, none is sent (dryRun in the configuration)']);

  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `hr-sync local host${host.sandbox ? ' (Heymarket SANDBOX)' : ''}: one process, no AWS`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    `listening on ${host.url}`,
  ];
}
