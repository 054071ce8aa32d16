import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDER_THROTTLE } from '../../infra/throttle.js';
import { parseConfig } from '../../lambda/config/load.js';
import {
  hrisVariables,
  localSecretInputs,
  readLocalSecret,
  secretVariables,
  webhookSecretVariable,
} from '../../lambda/config/local-env.js';
import { HrisSecrets, WebhookSecrets } from '../../lambda/config/secrets.js';
import { hrApis } from '../../lambda/providers/hr-api.js';
import {
  apiProviders,
  credentialKeys,
  findProvider,
  listableProviders,
  ProviderName,
  providers,
  QueuedChange,
} from '../../lambda/providers/index.js';
import { webhookHandlers } from '../../lambda/providers/webhook-handlers.js';
import { makeChange } from '../support/changes.js';

/**
 * Adding a provider is one folder, one line in lambda/providers/index.ts and the lines the type check
 * then asks for in the webhook and HR API tables (docs/adding-a-provider.md): every per-provider piece
 * below exists because the registry lists the provider, and for no other name.
 */
const names = providers.map((provider) => provider.name);
const withApi = providers.filter((provider) => provider.credentials !== undefined).map((p) => p.name);

describe('the provider registry', () => {
  it('lists each provider once, under the name its module gives itself', () => {
    expect(new Set(names).size).toBe(names.length);
    expect(ProviderName.options).toEqual(names);
    for (const provider of providers) expect(provider.name).toMatch(/^[a-z][a-z0-9]{1,31}$/);
  });

  it('gives the configuration a providers section per registered provider, each valid as {}', () => {
    const config = parseConfig({}, 'test');
    expect(Object.keys(config.providers)).toEqual(names);
    expect(() => parseConfig({ providers: { workday: {} } }, 'test')).toThrow(
      /providers Unrecognized key: "workday"/,
    );
  });

  it('gives the webhook secret an entry per registered provider, and the HR API secret one per provider with an API', () => {
    expect(Object.keys(WebhookSecrets.shape)).toEqual(names);
    expect(Object.keys(HrisSecrets.shape).sort()).toEqual([...withApi].sort());
    expect(apiProviders.map((provider) => provider.name)).toEqual([...withApi].sort());
  });

  it('reads each provider’s secrets in local mode from the variables users already set', () => {
    // The names are derived (WEBHOOK_SECRET_<PROVIDER>, <PROVIDER>_<KEY>); these are the ones documented.
    expect(secretVariables('webhook')).toEqual([
      'WEBHOOK_SECRET_STANDARD',
      'WEBHOOK_SECRET_BAMBOOHR',
      'WEBHOOK_SECRET_MERGE',
      'WEBHOOK_SECRET_HIBOB',
      'WEBHOOK_SECRET_PERSONIO',
    ]);
    expect(providers.map((p) => webhookSecretVariable(p.name))).toEqual(secretVariables('webhook'));
    const variables: Record<string, Record<string, string>> = {
      bamboohr: { subdomain: 'BAMBOOHR_SUBDOMAIN', apiKey: 'BAMBOOHR_API_KEY' },
      hibob: { serviceUserId: 'HIBOB_SERVICE_USER_ID', token: 'HIBOB_TOKEN' },
      merge: { apiKey: 'MERGE_API_KEY', accountToken: 'MERGE_ACCOUNT_TOKEN' },
      personio: { clientId: 'PERSONIO_CLIENT_ID', clientSecret: 'PERSONIO_CLIENT_SECRET' },
    };
    expect(Object.keys(variables).sort()).toEqual([...withApi].sort());
    const env: Record<string, string> = {};
    for (const provider of apiProviders) {
      expect(credentialKeys(provider)).toEqual(Object.keys(variables[provider.name] ?? {}));
      expect(hrisVariables(provider.name)).toEqual(Object.values(variables[provider.name] ?? {}));
      for (const variable of hrisVariables(provider.name)) env[variable] = `v-${variable}`;
    }
    expect(secretVariables('hris')).toEqual(Object.keys(env));
    const hris = readLocalSecret('hris', env) as Record<string, Record<string, string>>;
    for (const provider of apiProviders) {
      const entry = hris[provider.name] ?? {};
      for (const [key, variable] of Object.entries(variables[provider.name] ?? {})) {
        expect(entry[key]).toBe(`v-${variable}`);
      }
    }
    expect(Object.keys(localSecretInputs(env).hris).sort()).toEqual([...withApi].sort());
  });

  it('gives every registered provider a webhook handler that verifies and parses, and no other name one', () => {
    expect(Object.keys(webhookHandlers)).toEqual(names);
    for (const handler of Object.values(webhookHandlers)) {
      expect(handler.verify).toBeTypeOf('function');
      expect(handler.parse).toBeTypeOf('function');
    }
  });

  it('gives an HR API (source and lister) to exactly the providers that declare API credentials', () => {
    expect(Object.keys(hrApis).sort()).toEqual([...withApi].sort());
    for (const api of Object.values(hrApis)) {
      expect(api.source).toBeTypeOf('function');
      expect(api.lister).toBeTypeOf('function');
    }
  });

  it('keeps the registry free of webhook and HR API code, so each function bundles only its own', () => {
    for (const provider of providers) {
      for (const member of ['verify', 'parse', 'handshake', 'source', 'lister']) {
        expect(Object.hasOwn(provider, member), `${provider.name}.${member}`).toBe(false);
      }
    }
    // What the registry and each descriptor load: zod, the core's names and lazySchema, the shared types and
    // helpers, the descriptors and their settings, and nothing that reads a delivery or calls an API.
    const files = ['index.ts', ...names.map((name) => `${name}/provider.ts`)];
    for (const file of files) {
      const source = readFileSync(new URL(`../../lambda/providers/${file}`, import.meta.url), 'utf8');
      const loaded = [...source.matchAll(/^import (?!type )[^;]*? from '([^']+)';$/gms)].map((m) => m[1]);
      for (const specifier of loaded) {
        expect(specifier, file).toMatch(
          /^(zod\/mini|\.\.\/core\/(employee-change|lazy-schema)\.js|\.\.\/provider\.js|\.\/settings\.js|\.\/[a-z]+\/provider\.js)$/,
        );
      }
    }
  });

  it('routes /webhooks/{name} to a registered provider only', () => {
    for (const provider of providers) expect(findProvider(provider.name)).toBe(provider);
    for (const name of ['workday', '__proto__', 'constructor', 'toString', 'BambooHR', '', undefined]) {
      expect(findProvider(name)).toBeUndefined();
    }
  });

  it('queues changes from registered providers and refuses any other name in a queue message', () => {
    for (const name of names)
      expect(QueuedChange.safeParse(makeChange({ provider: name })).success).toBe(true);
    const unknown = { ...makeChange(), provider: 'workday' };
    const result = QueuedChange.safeParse(unknown, { reportInput: false });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['provider']);
  });

  it('reconciles every enabled provider that has a list API, and none without', () => {
    const allOn = parseConfig(
      { providers: Object.fromEntries(names.map((name) => [name, { enabled: true }])) },
      'test',
    );
    expect(listableProviders(allOn)).toEqual(Object.keys(hrApis).sort());
    expect(listableProviders(parseConfig({ providers: { standard: { enabled: false } } }, 'test'))).toEqual(
      [],
    );
  });

  it('gives the stack a throttle per registered provider', () => {
    expect(Object.keys(PROVIDER_THROTTLE)).toEqual(names);
  });

  it('leaves the core’s EmployeeChange naming no provider: the registry supplies the names', () => {
    const source = readFileSync(new URL('../../lambda/core/employee-change.ts', import.meta.url), 'utf8');
    for (const name of names) expect(source).not.toMatch(new RegExp(`'${name}'`));
  });
});
