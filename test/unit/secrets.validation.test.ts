import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSecretReader, webhookSecretFrom } from '../../lambda/aws/secret-reader.js';
import { HeymarketSecret } from '../../lambda/config/secrets.js';
import { SyncError } from '../../lambda/core/errors.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:hr-sync/heymarket-AbCdEf';
const SECRET_VALUE = 'hm-secret-value-Zq81';
const secretsManager = mockClient(SecretsManagerClient);
const reader = () => createSecretReader({ client: new SecretsManagerClient({}), now: () => 0 });

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

const awsError = (name: string, status: number) =>
  Object.assign(new Error(`${name}: details`), { name, $metadata: { httpStatusCode: status } });

describe('a secret that is wrong', () => {
  beforeEach(() => secretsManager.reset());

  it('names the secret and the missing key, never a value', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ apiSecretId: SECRET_VALUE }) });
    const error = await failure(reader().read(ARN, HeymarketSecret));
    expect(error).toMatchObject({ kind: 'permanent', code: 'secret-invalid' });
    expect(error.message).toBe(`secret ${ARN}: apiSecretKey is missing`);
  });

  it('names the key whose value has the wrong type, without quoting it', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ apiSecretId: SECRET_VALUE, apiSecretKey: 12345 }) });
    const error = await failure(reader().read(ARN, HeymarketSecret));
    expect(error.message).toMatch(new RegExp(`^secret ${ARN}: apiSecretKey .*expected string`));
    expect(error.message).not.toContain('12345');
    expect(error.message).not.toContain(SECRET_VALUE);
  });

  it('says the secret is not JSON, without quoting it', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: `apiSecretKey=${SECRET_VALUE}` });
    const error = await failure(reader().read('hr-sync/heymarket', HeymarketSecret));
    expect(error.message).toBe('secret hr-sync/heymarket: not JSON');
  });

  it('says a binary secret is not supported', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2]) });
    const error = await failure(reader().read(ARN, HeymarketSecret));
    expect(error).toMatchObject({ kind: 'permanent', code: 'secret-invalid' });
    expect(error.message).toContain('has no SecretString');
  });

  it('names the provider missing from the webhook secrets', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ bamboohr: SECRET_VALUE }) });
    const error = await failure(webhookSecretFrom(reader(), ARN)('standard'));
    expect(error).toMatchObject({ kind: 'permanent', code: 'secret-invalid' });
    expect(error.message).toBe(`secret ${ARN}: standard is missing`);
  });

  it('rejects a standard webhook secret without the whsec_ prefix, naming the key only', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ standard: SECRET_VALUE }) });
    const error = await failure(webhookSecretFrom(reader(), ARN)('standard'));
    expect(error.message).toMatch(new RegExp(`^secret ${ARN}: standard .*whsec_`));
    expect(error.message).not.toContain(SECRET_VALUE);
  });
});

describe('a secret that cannot be read', () => {
  beforeEach(() => secretsManager.reset());

  it.each([
    ['ResourceNotFoundException', 400, 'secret-not-found', 'not found'],
    ['AccessDeniedException', 400, 'secret-access-denied', 'access denied'],
    ['DecryptionFailure', 400, 'secret-access-denied', 'access denied'],
  ])('is permanent on %s: an operator must act', async (name, status, code, words) => {
    secretsManager.on(GetSecretValueCommand).rejects(awsError(name, status));
    const error = await failure(reader().read(ARN, HeymarketSecret));
    expect(error).toMatchObject({ kind: 'permanent', code });
    expect(error.message).toContain(`secret ${ARN}: ${words}`);
  });

  it.each([
    ['ThrottlingException', 400],
    ['InternalServiceError', 500],
    ['TimeoutError', undefined],
    ['ECONNREFUSED', undefined],
  ])('is transient on %s', async (name, status) => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejects(status === undefined ? Object.assign(new Error('socket'), { name }) : awsError(name, status));
    const error = await failure(reader().read(ARN, HeymarketSecret));
    expect(error).toMatchObject({ kind: 'transient', code: 'secrets-unavailable' });
    expect(error.message).toBe(`secret ${ARN}: Secrets Manager unavailable (${name})`);
  });
});
