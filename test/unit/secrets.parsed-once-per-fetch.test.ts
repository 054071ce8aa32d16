import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createSecretReader } from '../../lambda/aws/secret-reader.js';
import { HeymarketSecret } from '../../lambda/config/secrets.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/heymarket-AbCdEf';
const secretsManager = mockClient(SecretsManagerClient);
const value = (key: string) => ({ SecretString: JSON.stringify({ apiSecretId: 'id-1', apiSecretKey: key }) });

describe('a fetched secret is parsed and validated once', () => {
  let clock = 0;
  let validations = 0;
  // The shape the worker reads, plus a check that counts how often the schema runs.
  const Counted = HeymarketSecret.check(
    z.refine(() => {
      validations += 1;
      return true;
    }),
  );
  const reader = () =>
    createSecretReader({ client: new SecretsManagerClient({}), now: () => clock, ttlMs: 60_000 });

  beforeEach(() => {
    clock = 1_000_000;
    validations = 0;
    secretsManager.reset();
    secretsManager.on(GetSecretValueCommand).resolves(value('key-1'));
  });

  it('validates a cached fetch on its first read only, however often it is read', async () => {
    const secrets = reader();
    for (let i = 0; i < 5; i += 1) {
      expect(await secrets.read(ARN, Counted)).toEqual({ apiSecretId: 'id-1', apiSecretKey: 'key-1' });
    }
    expect(validations).toBe(1);
  });

  it('validates again when the secret is fetched again', async () => {
    const secrets = reader();
    await secrets.read(ARN, Counted);
    secretsManager.on(GetSecretValueCommand).resolves(value('key-2'));
    clock += 60_000;
    expect((await secrets.read(ARN, Counted)).apiSecretKey).toBe('key-2');
    expect(validations).toBe(2);
  });

  it('validates the same fetch once for each schema it is read with', async () => {
    const secrets = reader();
    await secrets.read(ARN, Counted);
    expect(await secrets.read(ARN, HeymarketSecret)).toEqual({ apiSecretId: 'id-1', apiSecretKey: 'key-1' });
    await secrets.read(ARN, Counted);
    expect(validations).toBe(1);
  });

  it('refuses every read of a fetch that fails validation, not only the first', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: '{"apiSecretId":"id-1"}' });
    const secrets = reader();
    await expect(secrets.read(ARN, HeymarketSecret)).rejects.toMatchObject({ code: 'secret-invalid' });
    await expect(secrets.read(ARN, HeymarketSecret)).rejects.toMatchObject({ code: 'secret-invalid' });
  });

  it('hands out a value no caller can change for the next one', async () => {
    const secrets = reader();
    const first = await secrets.read(ARN, HeymarketSecret);
    expect(() => Object.assign(first, { apiSecretKey: 'changed' })).toThrow(TypeError);
    expect((await secrets.read(ARN, HeymarketSecret)).apiSecretKey).toBe('key-1');
  });
});
