import type { Node } from 'constructs';

/** A CDK context value the app cannot use; the message says which key, what is wrong and how to fix it. */
export class ContextError extends Error {
  override readonly name = 'ContextError';
}

export interface AppContext {
  /** Path of the configuration file, relative to where `cdk` runs. */
  configPath: string;
  heymarketBaseUrl: string;
  heymarketSecretArn?: string;
  webhookSecretArn?: string;
  hrisSecretArn?: string;
  /** Subscribed by e-mail to the alarm topic; without it, subscribe to the topic yourself. */
  alarmEmail?: string;
}

export const DEFAULT_CONFIG_PATH = 'hr-sync.config.json';
export const DEFAULT_HEYMARKET_BASE_URL = 'https://api.heymarket.com';

// One address, no list or display name: SNS takes exactly one per e-mail subscription.
const EMAIL_ADDRESS = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/;

// A complete ARN ends in the 6-character suffix Secrets Manager adds; IAM grants need it to match.
const COMPLETE_SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/;

/**
 * Reads and checks `-c config=… -c heymarketBaseUrl=…` and the secret ARNs `-c heymarketSecretArn=…
 * -c webhookSecretArn=… -c hrisSecretArn=…`, and `-c alarmEmail=…`.
 */
export function readAppContext(node: Node): AppContext {
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new ContextError(`context: ${key} must be a string`);
    return value.trim();
  };

  const heymarketBaseUrl = text('heymarketBaseUrl') ?? DEFAULT_HEYMARKET_BASE_URL;
  if (!URL.canParse(heymarketBaseUrl) || new URL(heymarketBaseUrl).protocol !== 'https:') {
    throw new ContextError(`context: heymarketBaseUrl must be an https:// URL (got ${heymarketBaseUrl})`);
  }

  const secretArn = (key: string) => {
    const arn = text(key);
    if (arn !== undefined && !COMPLETE_SECRET_ARN.test(arn)) {
      throw new ContextError(
        `context: ${key} must be the complete ARN of a Secrets Manager secret, with its 6-character suffix (arn:aws:secretsmanager:<region>:<account>:secret:<name>-AbCdEf); got ${arn}`,
      );
    }
    return arn;
  };

  const alarmEmail = text('alarmEmail');
  if (alarmEmail !== undefined && !EMAIL_ADDRESS.test(alarmEmail)) {
    throw new ContextError(
      `context: alarmEmail must be one e-mail address, such as ops@example.com, to receive the alarms (got ${alarmEmail})`,
    );
  }

  return {
    configPath: text('config') ?? DEFAULT_CONFIG_PATH,
    heymarketBaseUrl,
    heymarketSecretArn: secretArn('heymarketSecretArn'),
    webhookSecretArn: secretArn('webhookSecretArn'),
    hrisSecretArn: secretArn('hrisSecretArn'),
    alarmEmail,
  };
}
