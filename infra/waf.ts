import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { MAX_BODY_BYTES, problem } from '../lambda/service/receive.js';

/**
 * What WAF takes as a rate-based rule's limit, requests per aggregation key in the evaluation window
 * (https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html).
 */
export const WAF_RATE_LIMIT_RANGE = { min: 10, max: 2_000_000_000 } as const;

/** The window the limit counts over: 5 minutes, as the context key `wafRateLimitPer5Min` says. */
export const WAF_EVALUATION_WINDOW_SECONDS = 300;

export interface WebhookFirewallProps {
  stage: apigateway.Stage;
  /** Requests one source IP may send in 5 minutes; beyond it WAF answers 429 until it slows down. */
  rateLimitPer5Min: number;
}

const BODY_TOO_LARGE = problem(
  413,
  'body-too-large',
  `the declared Content-Length is over the limit of ${MAX_BODY_BYTES} bytes`,
);
const RATE_LIMITED = problem(
  429,
  'rate-limited',
  `more than the allowed requests from this address in ${WAF_EVALUATION_WINDOW_SECONDS / 60} minutes; retry later`,
);

/**
 * A regional WAF web ACL on the API stage, two rules:
 * 1. A request that declares a body over 256 KB (`Content-Length`) is answered 413 before it reaches
 *    the receiver. WAF inspects at most the first 16 KB of a body for API Gateway (64 KB at extra cost,
 *    https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-setting-body-inspection-limit.html),
 *    so a body size constraint could never see 256 KB; the header is what WAF can check. A chunked
 *    request declares no length and passes: the receiver still refuses it (413).
 * 2. A rate-based rule per source IP. HR systems send from a few addresses, so the limit must sit
 *    above one sender's busiest 5 minutes: BambooHR, Merge and Personio do not retry the 429.
 * Metrics for each rule; no sampled requests, because those keep request headers, and Personio's
 * Authorization header is its webhook token.
 */
export class WebhookFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: WebhookFirewallProps) {
    super(scope, id);
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName: `HrSyncWebhooks${metricName}`,
      sampledRequestsEnabled: false,
    });
    const block = (key: string, status: number) => ({
      block: { customResponse: { responseCode: status, customResponseBodyKey: key } },
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      description: 'heymarket-hr-sync: webhook rate limit per source IP and declared body size',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('WebAcl'),
      customResponseBodies: {
        'body-too-large': { contentType: 'APPLICATION_JSON', content: BODY_TOO_LARGE.body },
        'rate-limited': { contentType: 'APPLICATION_JSON', content: RATE_LIMITED.body },
      },
      rules: [
        {
          name: 'DeclaredBodyTooLarge',
          priority: 0,
          action: block('body-too-large', BODY_TOO_LARGE.status),
          statement: {
            regexMatchStatement: {
              fieldToMatch: { singleHeader: { Name: 'content-length' } },
              regexString: decimalAbove(MAX_BODY_BYTES),
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
          visibilityConfig: visibility('DeclaredBodyTooLarge'),
        },
        {
          name: 'RatePerSourceIp',
          priority: 1,
          action: block('rate-limited', RATE_LIMITED.status),
          statement: {
            rateBasedStatement: {
              limit: props.rateLimitPer5Min,
              aggregateKeyType: 'IP',
              evaluationWindowSec: WAF_EVALUATION_WINDOW_SECONDS,
            },
          },
          visibilityConfig: visibility('RatePerSourceIp'),
        },
      ],
    });

    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}

/**
 * A regular expression matching exactly the decimal numbers (leading zeros allowed) greater than
 * `limit`: more digits, or as many digits with a larger digit after a common prefix. WAF compares
 * header values as text, so a numeric comparison has to be spelt out this way.
 */
export function decimalAbove(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`${limit} is not a whole number`);
  const digits = String(limit);
  const alternatives = [`[1-9][0-9]{${digits.length},}`];
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[i]);
    if (digit === 9) continue;
    const rest = digits.length - i - 1;
    alternatives.push(`${digits.slice(0, i)}[${digit + 1}-9]${rest > 0 ? `[0-9]{${rest}}` : ''}`);
  }
  return `^0*(${alternatives.join('|')})$`;
}
