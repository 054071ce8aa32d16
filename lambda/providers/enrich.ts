import type { Config } from '../config/schema.js';
import type { HrisSecrets } from '../config/secrets.js';
import type { EmployeeChange } from '../core/employee-change.js';
import { permanent } from '../core/errors.js';
import type { EmployeeRead } from '../core/ports.js';
import { hrApiBuilder } from './hr-api.js';
import type { SourceDeps } from './provider.js';

/**
 * The worker's `enrich`: reads the employee that thin events of one provider, tenant and employee id
 * name, once for all of them, with its provider's HR API client (`source`), built by hr-api.ts from
 * the provider's settings and its entry of the HR-system secret.
 */
export function createEnricher(options: {
  config: Config;
  credentials: () => Promise<HrisSecrets>;
  deps: SourceDeps;
}): (changes: readonly EmployeeChange[], callOptions: { deadline: number }) => Promise<EmployeeRead[]> {
  const sourceFor = hrApiBuilder({
    ...options,
    piece: (api) => api.source,
    unavailable: (provider) =>
      permanent('enrichment-unavailable', `provider ${provider} has no HR API client for thin events`),
  });
  return async (changes, callOptions) => {
    const [first] = changes;
    if (!first) return [];
    return (await sourceFor(first.provider)).fetchEmployees(changes, callOptions);
  };
}
