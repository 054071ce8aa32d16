import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../lambda/config/load.js';

describe('the BambooHR settings', () => {
  it('default to off, the production API and BambooHR display names for field-based webhooks', () => {
    expect(parseConfig({}, 'test').providers.bamboohr).toEqual({
      enabled: false,
      apiBaseUrl: 'https://api.bamboohr.com',
      fieldMap: {
        workEmail: 'Work Email',
        firstName: 'First Name',
        lastName: 'Last Name',
        preferredName: 'Preferred Name',
        jobTitle: 'Job Title',
        department: 'Department',
        status: 'Status',
        employmentStatus: 'Employment Status',
        terminationDate: 'Termination Date',
      },
    });
  });

  it('take a companyId as a number or a non-empty string', () => {
    const companyId = (value: unknown) =>
      parseConfig({ providers: { bamboohr: { companyId: value } } }, 't').providers.bamboohr.companyId;
    expect(companyId(12345)).toBe(12345);
    expect(companyId('12345')).toBe('12345');
    expect(() => companyId('')).toThrow(ConfigError);
  });

  it('keep the default name of every field the fieldMap leaves out', () => {
    const { fieldMap } = parseConfig({ providers: { bamboohr: { fieldMap: { workEmail: 'email' } } } }, 't')
      .providers.bamboohr;
    expect(fieldMap.workEmail).toBe('email');
    expect(fieldMap.firstName).toBe('First Name');
  });

  it('name the setting that is wrong', () => {
    const bad = {
      providers: { bamboohr: { apiBaseUrl: 'not a url', fieldMap: { jobTitle: '', nickname: 'x' } } },
    };
    let message = '';
    try {
      parseConfig(bad, 'hr-sync.config.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('config: providers.bamboohr.apiBaseUrl ');
    expect(message).toContain('config: providers.bamboohr.fieldMap.jobTitle ');
    expect(message).toContain('config: providers.bamboohr.fieldMap ');
    expect(message).toContain('in hr-sync.config.json');
  });
});
