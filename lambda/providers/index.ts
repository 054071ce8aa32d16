import type { Config } from '../config/schema.js';
import { ProviderName } from '../core/employee-change.js';
import { bamboohrProvider } from './bamboohr/provider.js';
import { hibobProvider } from './hibob/provider.js';
import { mergeProvider } from './merge/provider.js';
import { personioProvider } from './personio/provider.js';
import type { Provider } from './provider.js';
import { parseStandard } from './standard/parse.js';
import { verifyStandard } from './standard/verify.js';

/** Every provider this build can receive; the config says which of them are switched on. */
export const providers: { [K in ProviderName]?: Provider<Config['providers'][K]> } = {
  standard: { name: 'standard', verify: verifyStandard, parse: parseStandard },
  bamboohr: bamboohrProvider,
  merge: mergeProvider,
  hibob: hibobProvider,
  personio: personioProvider,
};

/** The provider for a `/webhooks/{provider}` path segment, or undefined when there is none. */
export function findProvider(name: string | undefined): Provider | undefined {
  const parsed = ProviderName.safeParse(name);
  return parsed.success ? (providers[parsed.data] as Provider | undefined) : undefined;
}

export type {
  EmployeeSource,
  HeaderGetter,
  IgnoredCode,
  ParseInput,
  ParseResult,
  Provider,
  SourceDeps,
  VerifyInput,
} from './provider.js';
export { isUnusable, UNUSABLE_CODES } from './provider.js';
