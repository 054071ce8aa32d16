import type { Node } from 'constructs';
import { DEFAULT_HEYMARKET_BASE_URL } from '../lambda/app/environment.js';
import { formatPath } from '../lambda/config/load.js';
import { closestName } from '../lambda/core/closest-name.js';
import { ProviderName } from '../lambda/providers/index.js';
import { THROTTLE, ThrottleOverrides } from './throttle.js';
import { WAF_RATE_LIMIT_RANGE } from './waf.js';

// The functions' own default: the stack sets it unless context `heymarketBaseUrl` says otherwise.
export { DEFAULT_HEYMARKET_BASE_URL };

/** A CDK context value the app cannot use; the message says which key, what is wrong and how to fix it. */
export class ContextError extends Error {
  override readonly name = 'ContextError';
}

export interface AppContext {
  /** Context `stackName`: the CloudFormation stack's name. */
  stackName: string;
  /** Path of the configuration file, relative to where `cdk` runs. */
  configPath: string;
  heymarketBaseUrl: string;
  heymarketSecretArn?: string;
  webhookSecretArn?: string;
  hrisSecretArn?: string;
  /** Subscribed by e-mail to the alarm topic; without it, subscribe to the topic yourself. */
  alarmEmail?: string;
  /** Context `throttle`: per-provider limits over the defaults in infra/throttle.ts. */
  throttle?: ThrottleOverrides;
  /** Context `wafRateLimitPer5Min`: when set, a WAF web ACL blocks a source IP above it. */
  wafRateLimitPer5Min?: number;
}

/**
 * Every context key this app reads (`-c key=value` or cdk.json `context`), in one place: a key that is
 * a slip of one of these fails the synth instead of being ignored (a mistyped secret ARN would
 * otherwise create an empty secret).
 */
export const CONTEXT_KEYS = [
  'config',
  'stackName',
  'heymarketBaseUrl',
  'heymarketSecretArn',
  'webhookSecretArn',
  'hrisSecretArn',
  'alarmEmail',
  'throttle',
  'wafRateLimitPer5Min',
  'maxReplays',
  'redriveSchedule',
  'reconcileSchedule',
] as const;

export const DEFAULT_CONFIG_PATH = 'hr-sync.config.json';
export const DEFAULT_STACK_NAME = 'HeymarketHrSync';

// CloudFormation: a letter, then letters, digits and hyphens, 128 characters at most.
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

// One address, no list or display name: SNS takes exactly one per e-mail subscription.
export const EMAIL_ADDRESS = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/;

// A complete ARN ends in the 6-character suffix Secrets Manager adds; IAM grants need it to match.
export const COMPLETE_SECRET_ARN =
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/;

/**
 * Reads and checks `-c stackName=… -c config=… -c heymarketBaseUrl=…` and the secret ARNs `-c heymarketSecretArn=…
 * -c webhookSecretArn=… -c hrisSecretArn=…`, `-c alarmEmail=…`, `-c throttle='{"bamboohr":{…}}'` and
 * `-c wafRateLimitPer5Min=…`.
 */
export function readAppContext(node: Node): AppContext {
  checkContextKeys(Object.keys(node.getAllContext()));
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

  const stackName = text('stackName') ?? DEFAULT_STACK_NAME;
  if (!STACK_NAME.test(stackName)) {
    throw new ContextError(
      `context: stackName must start with a letter and hold only letters, digits and hyphens, 128 at most (got ${stackName.slice(0, 140)})`,
    );
  }

  return {
    stackName,
    configPath: text('config') ?? DEFAULT_CONFIG_PATH,
    heymarketBaseUrl,
    heymarketSecretArn: secretArn('heymarketSecretArn'),
    webhookSecretArn: secretArn('webhookSecretArn'),
    hrisSecretArn: secretArn('hrisSecretArn'),
    alarmEmail,
    throttle: readThrottle(node.tryGetContext('throttle')),
    wafRateLimitPer5Min: readWafRateLimit(node.tryGetContext('wafRateLimitPer5Min')),
  };
}

/**
 * Fails on a key that is a case or spelling variant of one of ours (`heymarketSecretARN`,
 * `alarmEmial`). CDK's own keys (`@aws-cdk/…` feature flags, `aws:cdk:…`, lookups cached in
 * cdk.context.json such as `availability-zones:account=…`) and keys unlike ours are left alone.
 */
export function checkContextKeys(keys: readonly string[]): void {
  for (const key of keys) {
    if (/[:/@]/.test(key) || key.startsWith('cdk-') || key.startsWith('aws-cdk')) continue;
    const meant = closestName(key, CONTEXT_KEYS);
    if (meant !== undefined)
      throw new ContextError(`context: unknown key "${key}"; did you mean "${meant}"?`);
  }
}

const THROTTLE_SHAPE = `{"<provider>": {"rateLimit": <requests per second>, "burstLimit": <requests>}}, each at most the stage's rateLimit ${THROTTLE.rateLimit} and burstLimit ${THROTTLE.burstLimit}`;

/** JSON from `-c throttle='…'` (a string) or an object from cdk.json; undefined when not given. */
function readThrottle(value: unknown): ThrottleOverrides | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let json = value;
  if (typeof value === 'string') {
    try {
      json = JSON.parse(value);
    } catch (error) {
      throw new ContextError(
        `context: throttle is not valid JSON (${(error as Error).message}); expected ${THROTTLE_SHAPE}`,
      );
    }
  }
  // Own keys, checked before the schema: a record schema passes over a `__proto__` key in silence.
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const unknown = Object.keys(json).filter((key) => !ProviderName.safeParse(key).success);
    if (unknown.length > 0) {
      throw new ContextError(
        `context: throttle.${unknown[0]} is not a provider; use ${ProviderName.options.join(', ')}`,
      );
    }
  }
  const parsed = ThrottleOverrides.safeParse(json, { reportInput: false });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      [`context: throttle`, formatPath(issue.path)].filter(Boolean).join('.').concat(` ${issue.message}`),
    );
    throw new ContextError(`${problems.join('\n')}\nexpected ${THROTTLE_SHAPE}`);
  }
  return parsed.data;
}

/** A whole number within WAF's range; `-c` hands it over as a string, cdk.json as a number. */
function readWafRateLimit(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const limit = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  const { min, max } = WAF_RATE_LIMIT_RANGE;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < min || limit > max) {
    throw new ContextError(
      `context: wafRateLimitPer5Min must be a whole number of requests per source IP per 5 minutes, from ${min} to ${max} (got ${String(value).slice(0, 40)}); leave it out for no web ACL`,
    );
  }
  return limit;
}
