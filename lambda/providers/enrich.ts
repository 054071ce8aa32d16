import type { Config } from '../config/schema.js';
import type { HrisSecrets } from '../config/secrets.js';
import type { Employee, EmployeeChange } from '../core/employee-change.js';
import { permanent } from '../core/errors.js';
import { hrApiBuilder } from './hr-api.js';
import type { SourceDeps } from './provider.js';

/**
 * The worker's `enrich`: fetches a thin event's employee with its provider's HR API client
 * (`source`), built by hr-api.ts from the provider's settings and its entry of the HR-system secret.
 */
export function createEnricher(options: {
  config: Config;
  credentials: () => Promise<HrisSecrets>;
  deps: SourceDeps;
}): (change: EmployeeChange, callOptions: { deadline: number }) => Promise<Employee> {
  const sourceFor = hrApiBuilder({
    ...options,
    piece: (api) => api.source,
    unavailable: (provider) =>
      permanent('enrichment-unavailable', `provider ${provider} has no HR API client for thin events`),
  });
  return async (change, callOptions) => (await sourceFor(change.provider)).fetchEmployee(change, callOptions);
}
