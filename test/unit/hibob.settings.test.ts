import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../lambda/config/load.js';

describe('the HiBob settings', () => {
  it('default to off, the production API and the work and employment tables', () => {
    expect(parseConfig({}, 'test').providers.hibob).toEqual({
      enabled: false,
      apiBaseUrl: 'https://api.hibob.com',
      tables: ['work', 'employment'],
      humanReadable: 'REPLACE',
      modificationTimeFields: ['root.modificationDate', 'root.modificationDateTime'],
      staleReadWindowSeconds: 120,
      staleReadSettleSeconds: 30,
      staleReadToleranceSeconds: 5,
    });
  });

  it('take a companyId as a number or a non-empty string', () => {
    expect(parseConfig({ providers: { hibob: { companyId: 636192 } } }, 't').providers.hibob.companyId).toBe(
      636192,
    );
    expect(
      parseConfig({ providers: { hibob: { companyId: '636192' } } }, 't').providers.hibob.companyId,
    ).toBe('636192');
    expect(() => parseConfig({ providers: { hibob: { companyId: '' } } }, 'hr-sync.config.json')).toThrow(
      ConfigError,
    );
  });

  it('name the setting that is wrong', () => {
    const bad = { providers: { hibob: { humanReadable: 'YES', staleReadWindowSeconds: -1, extra: true } } };
    let message = '';
    try {
      parseConfig(bad, 'hr-sync.config.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('config: providers.hibob.humanReadable ');
    expect(message).toContain('config: providers.hibob.staleReadWindowSeconds ');
    expect(message).toContain('in hr-sync.config.json');
  });
});
