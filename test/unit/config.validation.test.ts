import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, parseConfig, parseConfigText } from '../../lambda/config/load.js';
import { loadConfigFile } from '../../lambda/config/load-file.js';

describe('configuration', () => {
  it('accepts the shipped example file', () => {
    const config = loadConfigFile('hr-sync.config.example.json');
    expect(config.heymarket.chunkSize).toBe(50);
    expect(config.roles.rules.length).toBeGreaterThan(0);
  });

  it('fills every default from an empty object', () => {
    expect(parseConfig({}, 'test')).toMatchObject({
      providers: { standard: { enabled: true } },
      names: { usePreferredName: true },
      termination: { action: 'ignore' },
      heymarket: { chunkSize: 50, userCacheTtlSeconds: 300 },
      secretCacheTtlSeconds: 300,
      dryRun: false,
    });
  });

  it('names the path, the problem and the file', () => {
    expect(() =>
      parseConfig({ roles: { rules: [{}, {}, { match: { department: 3 }, roleId: 2 }] } }, 'my.json'),
    ).toThrow(/config: roles\.rules\[2\]\.match\.department .*expected string.* in my\.json/);
  });

  it('rejects a key it does not know, so a typo is not silently ignored', () => {
    expect(() => parseConfig({ dryrun: true }, 'my.json')).toThrow(
      /config: \(root\) .*"dryrun".* in my\.json/,
    );
  });

  it('requires a role for move-to-role terminations', () => {
    expect(() => parseConfig({ termination: { action: 'move-to-role' } }, 'c.json')).toThrow(
      /termination\.roleId/,
    );
  });

  it('reports a file that is not JSON, and one that cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{ "dryRun": ');
    expect(() => loadConfigFile(path)).toThrow(ConfigError);
    expect(() => loadConfigFile(path)).toThrow(/not valid JSON .* in .*bad\.json/);
    expect(() => loadConfigFile(join(dir, 'missing.json'))).toThrow(/cannot read .*missing\.json \(ENOENT\)/);
  });

  it('never echoes the offending value, which may be personal data', () => {
    try {
      parseConfigText(JSON.stringify({ identityOverrides: { 'standard:E1': 'ada@example.test' } }), 'c.json');
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('ada@example.test');
    }
  });

  it('is read from HR_SYNC_CONFIG in Lambda, and defaults when unset', () => {
    expect(configFromEnv({ HR_SYNC_CONFIG: '{"dryRun":true}' }).dryRun).toBe(true);
    expect(configFromEnv({}).dryRun).toBe(false);
  });
});
