/**
 * One readable line, with what to do, for an error from the AWS SDK: by the error's name (and, for
 * the few the SDK raises as plain errors, its fixed message), never by echoing the SDK's own text,
 * which may quote the request, and never its stack. Undefined for an error that is not AWS's.
 */
export function explainAwsError(error: unknown, needs: string | undefined): string | undefined {
  const name = String((error as { name?: unknown })?.name ?? '');
  const message = String((error as { message?: unknown })?.message ?? '');
  const code = String((error as { code?: unknown })?.code ?? '');
  if (message === 'Region is missing' || name === 'RegionMissingError') {
    return 'no AWS region: set AWS_REGION or pass --region (e.g. --region eu-west-1)';
  }
  if (EXPIRED.has(name) || (name === 'CredentialsProviderError' && /expired/i.test(message))) {
    return 'the AWS credentials have expired: refresh them (aws sso login, or new keys) and run again';
  }
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    return 'no AWS credentials: set AWS_PROFILE (and run aws sso login) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
  }
  if (REFUSED.has(name)) {
    return `AWS does not accept these credentials (${name}): check AWS_PROFILE, or AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN`;
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    return `access denied: this command needs ${needs ?? 'more permissions'}`;
  }
  if (name === 'QueueDoesNotExist' || name === 'AWS.SimpleQueueService.NonExistentQueue') {
    return 'the queue does not exist: check --queue-url/--dlq-url (or QUEUE_URL/DLQ_URL), --stack and --region';
  }
  if (name === 'TimeoutError' || UNREACHABLE.has(code)) {
    return `cannot reach AWS (${code || name}): check the network, --region (AWS_REGION) and AWS_ENDPOINT_URL`;
  }
  return undefined;
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired', 'RequestExpired']);
const REFUSED = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'IncompleteSignature',
]);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET']);

/** The first line of an unexpected error's message, short: enough to search for, never a stack. */
export function oneLine(error: unknown): string {
  const name = String((error as { name?: unknown })?.name ?? 'Error');
  const message = String((error as { message?: unknown })?.message ?? error).split('\n')[0] ?? '';
  return `${name}: ${message.slice(0, 200)}`;
}
