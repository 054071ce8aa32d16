import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSecretReader } from '../../lambda/aws/secret-reader.js';
import { HeymarketSecret } from '../../lambda/config/secrets.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/heymarket-AbCdEf';
const secretsManager = mockClient(SecretsManagerClient);
const value = (key: string) => ({ SecretString: JSON.stringify({ apiSecretId: 'id-1', apiSecretKey: key }) });

describe('the secret cache', () => {
  let clock = 0;
  const reader = (options: { ttlMs?: number; minRefreshIntervalMs?: number } = {}) =>
    createSecretReader({ client: new SecretsManagerClient({}), now: () => clock, ...options });
  const fetches = () => secretsManager.commandCalls(GetSecretValueCommand).length;

  beforeEach(() => {
    clock = 1_000_000;
    secretsManager.reset();
    secretsManager.on(GetSecretValueCommand).resolves(value('key-1'));
  });

  it('fetches a secret once per TTL across calls', async () => {
    const secrets = reader({ ttlMs: 60_000 });
    await secrets.read(ARN, HeymarketSecret);
    clock += 59_999;
    expect(await secrets.read(ARN, HeymarketSecret)).toEqual({ apiSecretId: 'id-1', apiSecretKey: 'key-1' });
    expect(fetches()).toBe(1);
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: ARN });
  });

  it('fetches again once the TTL has passed', async () => {
    const secrets = reader({ ttlMs: 60_000 });
    await secrets.read(ARN, HeymarketSecret);
    secretsManager.on(GetSecretValueCommand).resolves(value('key-2'));
    clock += 60_000;
    expect((await secrets.read(ARN, HeymarketSecret)).apiSecretKey).toBe('key-2');
    expect(fetches()).toBe(2);
  });

  it('keeps one entry per secret id', async () => {
    const secrets = reader();
    await secrets.read(ARN, HeymarketSecret);
    await secrets.read(`${ARN}-other`, HeymarketSecret);
    await secrets.read(ARN, HeymarketSecret);
    expect(fetches()).toBe(2);
  });

  it('refetches on a forced refresh', async () => {
    const secrets = reader();
    await secrets.read(ARN, HeymarketSecret);
    secretsManager.on(GetSecretValueCommand).resolves(value('key-2'));
    expect((await secrets.read(ARN, HeymarketSecret, { forceRefresh: true })).apiSecretKey).toBe('key-2');
    expect((await secrets.read(ARN, HeymarketSecret)).apiSecretKey).toBe('key-2');
    expect(fetches()).toBe(2);
  });

  it('reuses a fetch younger than the minimum refresh interval, even when forced', async () => {
    const secrets = reader({ minRefreshIntervalMs: 30_000 });
    await secrets.read(ARN, HeymarketSecret);
    clock += 29_999;
    await secrets.read(ARN, HeymarketSecret, { forceRefresh: true });
    expect(fetches()).toBe(1);
    clock += 1;
    await secrets.read(ARN, HeymarketSecret, { forceRefresh: true });
    expect(fetches()).toBe(2);
  });

  it('shares one fetch between concurrent reads of the same secret', async () => {
    const secrets = reader();
    const [a, b, c] = await Promise.all([
      secrets.read(ARN, HeymarketSecret),
      secrets.read(ARN, HeymarketSecret),
      secrets.read(ARN, HeymarketSecret, { forceRefresh: true }),
    ]);
    expect(fetches()).toBe(1);
    expect(a).toEqual(b);
    expect(b).toEqual(c);
  });

  it('does not cache a failed fetch', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }))
      .resolves(value('key-1'));
    const secrets = reader();
    await expect(secrets.read(ARN, HeymarketSecret)).rejects.toMatchObject({ kind: 'transient' });
    expect((await secrets.read(ARN, HeymarketSecret)).apiSecretKey).toBe('key-1');
    expect(fetches()).toBe(2);
  });

  it('fetches every time when the TTL is 0', async () => {
    const secrets = reader({ ttlMs: 0 });
    await secrets.read(ARN, HeymarketSecret);
    await secrets.read(ARN, HeymarketSecret);
    expect(fetches()).toBe(2);
  });
});
