import type { SecretName } from '../config/local-env.js';
import type { Config } from '../config/schema.js';
import { ProviderName, providerOf } from '../providers/index.js';

// What `hr-sync secrets check` reports for one secret, read from a stack (secrets-check.ts) or from
// the local host's environment (secrets-local.ts), and what the configuration requires of it.

export type SecretStatus = 'ok' | 'empty' | 'invalid' | 'unreadable';

export interface SecretReport {
  name: SecretName;
  /** Where it was read: the secret's ARN, or the environment variables that matter. */
  from: string;
  status: SecretStatus;
  /** What is wrong, by key or variable name. */
  problems: string[];
  notes: string[];
}

/** The providers whose entry a secret must have under this configuration, and why. */
export function requiredEntries(secret: SecretName, config: Config): Map<ProviderName, string> {
  const required = new Map<ProviderName, string>();
  for (const provider of ProviderName.options) {
    const settings = config.providers[provider];
    if (!settings.enabled) continue;
    if (secret === 'webhook') {
      required.set(provider, `providers.${provider} is enabled and its deliveries are verified with it`);
    }
    // Thin events are filled in from the HR system's API (every provider with API credentials has
    // one). Merge's carry the employee, but one whose employments or team came as ids only is read
    // again, unless enrichUnexpanded is off.
    const enriches =
      providerOf(provider).credentials !== undefined &&
      !(provider === 'merge' && config.providers.merge.enrichUnexpanded === false);
    if (secret === 'hris' && enriches) {
      required.set(provider, `providers.${provider} is enabled and the worker fetches its thin events`);
    }
  }
  return required;
}
