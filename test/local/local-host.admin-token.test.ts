import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { ADMIN_TOKEN_FILE } from '../../lambda/local/admin-token.js';
import { startLocalHost } from '../../lambda/local/host.js';
import { readHostSettings } from '../../lambda/local/host-settings.js';
import { recordingDeps } from '../support/recording.js';
import { hostSettings, send, startScratchHost } from './support/local-http.js';
import { tempDir } from './support/temp-queue.js';

let scratch: Awaited<ReturnType<typeof startScratchHost>> | undefined;
afterEach(async () => {
  await scratch?.close();
  scratch = undefined;
});

const reconcile = (url: string, authorization: string | undefined, body = '{"dryRun":true}') =>
  send(url, {
    method: 'POST',
    path: '/reconcile',
    headers: {
      'content-type': 'application/json',
      ...(authorization === undefined ? {} : { authorization }),
    },
    body,
  });

describe('local host: POST /reconcile requires the admin token', () => {
  it('generates the token once into the data directory, owner-only, and keeps it across restarts', async () => {
    scratch = await startScratchHost();
    const file = join(scratch.dataDir, ADMIN_TOKEN_FILE);
    const token = readFileSync(file, 'utf8').trim();

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(scratch.host.adminTokenFile).toBe(file);
    await scratch.host.stop();
    const again = await startLocalHost(hostSettings(scratch.dataDir), { log: recordingDeps().deps.log });
    await again.stop();
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
  });

  it('answers 401 problem+json without a token and with a wrong one, and runs with the right one', async () => {
    scratch = await startScratchHost();
    const token = readFileSync(join(scratch.dataDir, ADMIN_TOKEN_FILE), 'utf8').trim();

    for (const authorization of [
      undefined,
      'Bearer not-the-token',
      `Basic ${token}`,
      token,
      `Bearer ${token}x`,
    ]) {
      const answer = await reconcile(scratch.host.url, authorization);
      expect(answer.status, String(authorization)).toBe(401);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.headers['www-authenticate']).toBe('Bearer realm="hr-sync"');
      expect(JSON.parse(answer.body)).toMatchObject({
        type: 'urn:heymarket-hr-sync:unauthorized',
        status: 401,
      });
      expect(answer.body).not.toContain(token);
    }
    const accepted = await reconcile(scratch.host.url, `Bearer ${token}`);
    expect(accepted.status).toBe(200);
    expect(JSON.parse(accepted.body)).toMatchObject({ status: 'complete', dryRun: true });
    // Refused before anything ran: one run, the accepted one.
    expect(scratch.logs.filter((line) => line.message === 'reconcile finished')).toHaveLength(1);
  });

  it('takes HR_SYNC_ADMIN_TOKEN instead, and then generates none', async () => {
    const chosen = 'an-operator-chosen-token-0123456789';
    scratch = await startScratchHost({ adminToken: chosen });

    expect(scratch.host.adminTokenFile).toBeUndefined();
    expect(() => statSync(join(scratch?.dataDir ?? '', ADMIN_TOKEN_FILE))).toThrow(/ENOENT/);
    expect((await reconcile(scratch.host.url, 'Bearer x'.padEnd(40, 'x'))).status).toBe(401);
    expect((await reconcile(scratch.host.url, `Bearer ${chosen}`)).status).toBe(200);
  });
});

describe('local host: HR_SYNC_ADMIN_TOKEN is checked at start', () => {
  it('refuses one too short to be safe, naming the variable and never its value', () => {
    const dir = tempDir();
    try {
      expect(() => readHostSettings({ HR_SYNC_ADMIN_TOKEN: 'hunter2' }, dir.path)).toThrow(
        /^environment: HR_SYNC_ADMIN_TOKEN must be 16 to 512 visible ASCII characters, no spaces \(for example the output of: openssl rand -base64 32\)$/,
      );
      expect(readHostSettings({ HR_SYNC_ADMIN_TOKEN: 'a'.repeat(16) }, dir.path).adminToken).toBe(
        'a'.repeat(16),
      );
    } finally {
      dir.remove();
    }
  });
});

describe('local host: a reconcile request never raises the configured cap', () => {
  it('refuses maxChanges over reconcile.maxChanges with 400 naming the cap, and takes one at or under it', async () => {
    scratch = await startScratchHost({ config: parseConfig({ reconcile: { maxChanges: 25 } }, 'test') });
    const authorization = `Bearer ${readFileSync(join(scratch.dataDir, ADMIN_TOKEN_FILE), 'utf8').trim()}`;

    const over = await reconcile(scratch.host.url, authorization, '{"dryRun":true,"maxChanges":2000}');
    expect(over.status).toBe(400);
    expect(over.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(over.body)).toMatchObject({
      type: 'urn:heymarket-hr-sync:over-max-changes',
      status: 400,
      detail: expect.stringContaining("maxChanges 2000 is over this host's reconcile.maxChanges (25)"),
    });

    const atCap = await reconcile(scratch.host.url, authorization, '{"dryRun":true,"maxChanges":25}');
    const under = await reconcile(scratch.host.url, authorization, '{"dryRun":true,"maxChanges":3}');
    expect([atCap.status, under.status]).toEqual([200, 200]);
    expect(JSON.parse(atCap.body)).toMatchObject({ maxChanges: 25 });
    expect(JSON.parse(under.body)).toMatchObject({ maxChanges: 3 });
  });
});
