import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambda/config/load.js';
import { type LocalHost, startLocalHost } from '../../lambda/local/host.js';
import type { HostSettings } from '../../lambda/local/host-settings.js';
import { MERGE_SIGNATURE_KEY, mergeHeaders } from '../support/fake-merge.js';
import { recordingDeps } from '../support/recording.js';
import { TIMED_PROVIDERS } from '../support/timed-deliveries.js';
import { manualClock, tempDir } from './support/temp-queue.js';

const DAY = 24 * 60 * 60 * 1000;
const merge = TIMED_PROVIDERS.find((provider) => provider.name === 'merge');
if (!merge) throw new Error('no Merge delivery in test/support/timed-deliveries.ts');

let dir: ReturnType<typeof tempDir> | undefined;
const hosts: LocalHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  dir?.remove();
});

async function start(dataDir: string, now: () => number) {
  const recording = recordingDeps();
  const settings: HostSettings = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    config: parseConfig({ providers: { merge: { enabled: true } } }, 'test'),
    configFile: undefined,
    heymarket: { kind: 'sandbox' },
    webhookSecrets: { merge: MERGE_SIGNATURE_KEY },
    hris: {},
    envFile: undefined,
    reconcileEveryMs: 0,
  };
  const host = await startLocalHost(settings, { log: recording.deps.log, now });
  hosts.push(host);
  return { host, logs: recording.logs };
}

describe('npm start: a replayed delivery', () => {
  it('is answered 200 duplicate and queued no more, 34 days later and after a restart', async () => {
    dir = tempDir();
    const dataDir = join(dir.path, 'data');
    const clock = manualClock();
    // A Merge body: its signature carries no time, so the same bytes verify whenever they are sent.
    const body = merge.bodyAt(new Date(clock.ms - 60_000).toISOString());
    const send = (host: LocalHost) =>
      fetch(`${host.url}/webhooks/merge`, { method: 'POST', body, headers: mergeHeaders(body) });

    const first = await start(dataDir, clock.now);
    const accepted = await send(first.host);
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toMatchObject({ accepted: 1 });

    clock.advance(34 * DAY);
    const replay = await send(first.host);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('content-type')).toBe('application/json');
    expect(await replay.json()).toEqual({ duplicate: true });

    await first.host.stop();
    const second = await start(dataDir, clock.now);
    const afterRestart = await send(second.host);
    expect(afterRestart.status).toBe(200);
    expect(await afterRestart.json()).toEqual({ duplicate: true });

    const messages = [...first.logs, ...second.logs].map((line) => line.message);
    expect(messages.filter((message) => message === 'delivery accepted')).toHaveLength(1);
    expect(messages.filter((message) => message.startsWith('delivery is a replay'))).toHaveLength(2);
  });
});
