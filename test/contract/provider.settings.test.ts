import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../lambda/config/load.js';
import { BY_TITLE, labelled, type ProviderCase } from '../support/provider-cases/index.js';

const SOURCE = 'hr-sync.config.json';

const settingsOf = (provider: ProviderCase, input: unknown) =>
  parseConfig({ providers: { [provider.name]: input } }, SOURCE).providers[provider.name];

describe.each(BY_TITLE)('the %s settings', (_title, provider) => {
  const { defaults, accepted, refused } = provider.settings;

  it('default to off and the documented values when the config file says nothing', () => {
    expect(parseConfig({}, 'test').providers[provider.name]).toEqual(defaults);
  });

  it.each(labelled(accepted))('take %s', (_, row) => {
    const settings = settingsOf(provider, row.input);
    if (row.exact) expect(settings).toEqual(row.parsed);
    else expect(settings).toMatchObject(row.parsed);
  });

  it.each(labelled(refused))('refuse %s, naming each setting that is wrong and the file', (_, row) => {
    let error: unknown;
    try {
      settingsOf(provider, row.input);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message } = error as ConfigError;
    expect(message).toContain(`config: providers.${provider.name}`);
    for (const path of row.paths) expect(message).toContain(`config: providers.${provider.name}.${path} `);
    expect(message).toContain(`in ${SOURCE}`);
  });
});
