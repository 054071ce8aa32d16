import * as z from 'zod/mini';
import '../lambda/core/zod-locale.js';
import { ConfigError, formatPath } from '../lambda/config/load.js';
import type { ConfigInput } from '../lambda/config/schema.js';
import { COMPLETE_SECRET_ARN, EMAIL_ADDRESS } from './context.js';
import { ThrottleOverrides } from './throttle.js';
import { WAF_RATE_LIMIT_RANGE } from './waf.js';

export interface HeymarketHrSyncProps {
  /**
   * The configuration, in the shape of hr-sync.config.example.json (import `Config` from
   * `heymarket-hr-sync/config` to check it yourself). Give this or `configFile`.
   */
  config?: ConfigInput;
  /** Where `config` came from (a file name), for error messages. */
  configSource?: string;
  /** A JSON configuration file, read and validated at synth time. Give this or `config`. */
  configFile?: string;
  /** Default `https://api.heymarket.com`; must be https. */
  heymarketBaseUrl?: string;
  /**
   * Complete ARNs (with the 6-character suffix) of secrets you already hold. Each one left out is
   * created, holding `{}`, for you to fill with `put-secret-value`.
   */
  heymarketSecretArn?: string;
  webhookSecretArn?: string;
  hrisSecretArn?: string;
  /** EventBridge Scheduler expressions. Defaults: reconcile `rate(1 day)`, redrive `rate(1 hour)`. */
  schedules?: { reconcile?: string; redrive?: string };
  /** A dead-lettered change replayed this many times stays in the DLQ for a person. Default 3. */
  maxReplays?: number;
  /** Subscribed by e-mail to the alarm topic; without it, subscribe to the topic yourself. */
  alarmEmail?: string;
  /** Per-provider API Gateway limits over the defaults in infra/throttle.ts. */
  throttle?: ThrottleOverrides;
  /** When set, a WAF web ACL blocks a source IP above this many requests per 5 minutes. */
  wafRateLimitPer5Min?: number;
  /**
   * Starts every name that must be unique in the account or region: the queues
   * (`<prefix>-changes`, `<prefix>-changes-dlq`), the dashboard (`<prefix>-<region>`), the webhook API
   * (`<prefix>-webhooks`) and the metrics' `service` dimension. Default: the stack's name. Two
   * instances in one stack need different prefixes.
   */
  namePrefix?: string;
}

// SQS names are at most 80 characters and the longest we make is `<prefix>-changes-dlq`.
export const MAX_NAME_PREFIX_LENGTH = 80 - '-changes-dlq'.length;
const NAME_PREFIX = /^[A-Za-z][A-Za-z0-9-]*$/;

const https = z
  .string()
  .check(
    z.refine(
      (url) => URL.canParse(url) && new URL(url).protocol === 'https:',
      'must be an https:// URL, such as https://api.heymarket.com',
    ),
  );
const secretArn = z
  .string()
  .check(
    z.regex(
      COMPLETE_SECRET_ARN,
      'must be the complete ARN of a Secrets Manager secret, with its 6-character suffix (arn:aws:secretsmanager:<region>:<account>:secret:<name>-AbCdEf)',
    ),
  );

/** What the construct checks itself; the config has its own schema, schedules and replays their own checks. */
const CheckedProps = z.object({
  configFile: z.optional(z.string().check(z.minLength(1))),
  heymarketBaseUrl: z.optional(https),
  heymarketSecretArn: z.optional(secretArn),
  webhookSecretArn: z.optional(secretArn),
  hrisSecretArn: z.optional(secretArn),
  alarmEmail: z.optional(
    z.string().check(z.regex(EMAIL_ADDRESS, 'must be one e-mail address, such as ops@example.com')),
  ),
  throttle: z.optional(ThrottleOverrides),
  wafRateLimitPer5Min: z.optional(
    z.int().check(z.minimum(WAF_RATE_LIMIT_RANGE.min), z.maximum(WAF_RATE_LIMIT_RANGE.max)),
  ),
  namePrefix: z.optional(
    z
      .string()
      .check(
        z.maxLength(MAX_NAME_PREFIX_LENGTH),
        z.regex(NAME_PREFIX, 'must start with a letter and hold only letters, digits and hyphens'),
      ),
  ),
});

/** Refuses props a caller got wrong, naming the construct and the prop: `HeymarketHrSync Stack/TeamA: props.alarmEmail …`. */
export function checkProps(props: HeymarketHrSyncProps, where: string): void {
  if ((props.config === undefined) === (props.configFile === undefined)) {
    throw new ConfigError(`HeymarketHrSync ${where}: give exactly one of props.config and props.configFile`);
  }
  const parsed = CheckedProps.safeParse(props, { reportInput: false });
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues
        .map((issue) => `HeymarketHrSync ${where}: props.${formatPath(issue.path)} ${issue.message}`)
        .join('\n'),
    );
  }
}
