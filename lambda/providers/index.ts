import * as z from 'zod/mini';
import { EmployeeChange, type ProviderName as RegisteredName } from '../core/employee-change.js';
import { builtSchema, lazySchema } from '../core/lazy-schema.js';
import { bamboohrProvider } from './bamboohr/provider.js';
import { hibobProvider } from './hibob/provider.js';
import { mergeProvider } from './merge/provider.js';
import { personioProvider } from './personio/provider.js';
import type { Provider } from './provider.js';
import { standardProvider } from './standard/provider.js';

/**
 * Every provider this build can receive, in the order lists of them are shown (the config says which
 * of them are switched on). The one place a provider is registered: the config schema, the secrets'
 * shapes, local mode's variables, receiver routing, enrichment, reconcile and the stack's per-provider
 * pieces are all derived from it (docs/adding-a-provider.md). Descriptors only: the code that reads a
 * delivery is in webhook-handlers.ts and the HR API clients in hr-api.ts, tables the type check
 * keeps complete, so no Lambda function bundles the other functions' code.
 */
export const providers = [
  standardProvider,
  bamboohrProvider,
  mergeProvider,
  hibobProvider,
  personioProvider,
] as const;

export type RegisteredProvider = (typeof providers)[number];

declare module '../core/employee-change.js' {
  // Makes the core's `ProviderName` the union of the names above, without the core importing them.
  interface RegisteredProviders extends Record<RegisteredProvider['name'], true> {}
}

/** The registered names: the path segment, the config's `providers` keys and the secrets' keys. */
export const ProviderName = /* @__PURE__ */ lazySchema(() =>
  z.enum(providers.map((provider) => provider.name) as [RegisteredName, ...RegisteredName[]]),
);
export type ProviderName = RegisteredName;

/**
 * A queue message from outside this process (SQS, the local queue's rows, saved reconcile state): an
 * EmployeeChange whose provider is a registered one; any other name is refused. Built from the
 * shape rather than with `z.extend`, which costs the worker's and the scheduler's bundles ~1 KB of
 * zod for this one use (test/infra/bundle.test.ts).
 */
export const QueuedChange = /* @__PURE__ */ lazySchema(() =>
  z.object({ ...EmployeeChange.shape, provider: builtSchema(ProviderName) }),
);

const byName = new Map<string, Provider>(providers.map((provider) => [provider.name, provider as Provider]));

/** The provider for a `/webhooks/{provider}` path segment, or undefined when there is none. */
export function findProvider(name: string | undefined): Provider | undefined {
  return name === undefined ? undefined : byName.get(name);
}

/** The provider of a name the types already know is registered. */
export function providerOf(name: ProviderName): Provider {
  return byName.get(name) as Provider;
}

/** The providers with an HR API (credentials in the HR-system secret, an entry in hr-api.ts). */
export type ApiProvider = Extract<RegisteredProvider, { credentials: z.ZodMiniObject }>;

/**
 * The providers with an HR API, by name: a fixed order whatever the registry's, for the HR-system
 * secret's keys, local mode's variables and the reconcile job's run (a resumed run relies on it).
 */
export const apiProviders: readonly ApiProvider[] = providers
  .filter((provider): provider is ApiProvider => provider.credentials !== undefined)
  // Code-unit order, not localeCompare: the first localeCompare loads ICU's collator, ~10 ms of every
  // cold start (measured with bench/cold-init.ts), and these names are ASCII.
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

type EnabledFlags = { providers: { [K in ProviderName]: { enabled: boolean } } };

/** The enabled providers that have a list API, in a fixed order (a resumed run relies on it). */
export function listableProviders(config: EnabledFlags): ProviderName[] {
  return apiProviders
    .filter((provider) => config.providers[provider.name].enabled)
    .map((provider) => provider.name);
}

/** The tenant webhooks of this provider carry, when the configuration names it. */
export function configuredTenant(
  config: { providers: { [K in ProviderName]: unknown } },
  provider: ProviderName,
): string | undefined {
  const tenant = findProvider(provider)?.tenant?.(config.providers[provider]);
  return tenant === undefined ? undefined : String(tenant).trim();
}

export type {
  EmployeeSource,
  HeaderGetter,
  HrApi,
  IgnoredCode,
  ListEmployees,
  ParseInput,
  ParseResult,
  Provider,
  SourceDeps,
  VerifyInput,
  WebhookHandler,
} from './provider.js';
export { isUnusable, UNUSABLE_CODES } from './provider.js';

/** The keys of a provider's HR API credentials (`subdomain`, `apiKey`), in the order its schema lists them. */
export const credentialKeys = (provider: ApiProvider): string[] => Object.keys(provider.credentials.shape);
