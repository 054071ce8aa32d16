import type { Config } from '../config/schema.js';
import type { HrisSecrets } from '../config/secrets.js';
import type { ProviderName } from '../core/employee-change.js';
import { bamboohrSource } from './bamboohr/api.js';
import { hibobSource } from './hibob/api.js';
import { mergeSource } from './merge/api.js';
import { personioSource } from './personio/api.js';
import type { EmployeeSource, SourceDeps } from './provider.js';

/**
 * The worker's registry of HR-system API clients, for thin events: each builds an EmployeeSource from
 * its provider's settings and its entry of the HR-system secret.
 */
export const sourceFactories: {
  [K in ProviderName]?: (
    settings: Config['providers'][K],
    credentials: NonNullable<HrisSecrets[K & keyof HrisSecrets]>,
    deps: SourceDeps,
  ) => EmployeeSource;
} = {
  bamboohr: bamboohrSource,
  merge: mergeSource,
  hibob: hibobSource,
  personio: personioSource,
};
