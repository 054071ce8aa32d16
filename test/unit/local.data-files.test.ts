import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_SECRETS_FILE, readGeneratedWebhookSecrets } from '../../lambda/local/local-secrets.js';
import { loadSandboxUsers } from '../../lambda/local/sandbox-users.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hr-sync-data-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the local host's own JSON files (generated secrets, sandbox users)", () => {
  it('are taken as not there yet when the file is missing', () => {
    expect(readGeneratedWebhookSecrets(dir)).toBeUndefined();
    expect(loadSandboxUsers(join(dir, 'sandbox.json'))).toBeUndefined();
  });

  it('name the file and what to do when it is not JSON', () => {
    writeFileSync(join(dir, LOCAL_SECRETS_FILE), '{"standard":');
    writeFileSync(join(dir, 'sandbox.json'), 'users');
    expect(() => readGeneratedWebhookSecrets(dir)).toThrow(
      `secrets: ${join(dir, LOCAL_SECRETS_FILE)} is not valid JSON; delete it to generate new secrets`,
    );
    expect(() => loadSandboxUsers(join(dir, 'sandbox.json'))).toThrow(
      `sandbox: ${join(dir, 'sandbox.json')} is not valid JSON; delete it to start again with the demo users`,
    );
  });

  it('name the file and the reason when it cannot be read', () => {
    mkdirSync(join(dir, LOCAL_SECRETS_FILE));
    mkdirSync(join(dir, 'sandbox.json'));
    expect(() => readGeneratedWebhookSecrets(dir)).toThrow(
      `secrets: cannot read ${join(dir, LOCAL_SECRETS_FILE)} (EISDIR)`,
    );
    expect(() => loadSandboxUsers(join(dir, 'sandbox.json'))).toThrow(
      `sandbox: cannot read ${join(dir, 'sandbox.json')} (EISDIR)`,
    );
  });
});
