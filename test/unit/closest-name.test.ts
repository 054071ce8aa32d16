import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../lambda/core/closest-name.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and a swap of neighbours as one edit each', () => {
    expect(editDistance('config', 'config')).toBe(0);
    expect(editDistance('confg', 'config')).toBe(1);
    expect(editDistance('configs', 'config')).toBe(1);
    expect(editDistance('convig', 'config')).toBe(1);
    expect(editDistance('alarmEmial', 'alarmEmail')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closestName', () => {
  const known = ['config', 'alarmEmail', 'hrisSecretArn', 'heymarketSecretArn'];

  it('names the known name a slip of at most two edits or of letter case points to', () => {
    expect(closestName('alarmEmial', known)).toBe('alarmEmail');
    expect(closestName('HEYMARKETSECRETARN', known)).toBe('heymarketSecretArn');
    expect(closestName('cnfig', known)).toBe('config');
  });

  it('names nothing for an exact name or one too far from any', () => {
    expect(closestName('config', known)).toBeUndefined();
    expect(closestName('environment', known)).toBeUndefined();
    expect(closestName('conf', known, 1)).toBeUndefined();
  });

  it('prefers the nearest of two candidates', () => {
    expect(closestName('hrisSecretAr', ['hrisSecretArn', 'hrisSecretAr1n'])).toBe('hrisSecretArn');
  });
});
