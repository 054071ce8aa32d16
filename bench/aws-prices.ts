/**
 * AWS's published on-demand list prices (USD) for one region, as the pricing pages showed them on
 * the date below: no free tier, savings plans, taxes or data transfer. The one price table: the bench
 * (cost per change) and docs/output/cost-estimate.ts (cost per month) both read it. Prices change and differ by region: update the date with the figures.
 */
export const AWS_PRICES = {
  region: 'us-east-1',
  regionName: 'US East (N. Virginia)',
  takenOn: '2026-12-06',
  pages: {
    lambda: 'https://aws.amazon.com/lambda/pricing/',
    sqs: 'https://aws.amazon.com/sqs/pricing/',
    dynamodb: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    apiGateway: 'https://aws.amazon.com/api-gateway/pricing/',
    cloudwatch: 'https://aws.amazon.com/cloudwatch/pricing/',
    secretsManager: 'https://aws.amazon.com/secrets-manager/pricing/',
    scheduler: 'https://aws.amazon.com/eventbridge/pricing/',
    waf: 'https://aws.amazon.com/waf/pricing/',
  },
  lambdaPerMillionRequests: 0.2,
  /** First 6 billion GB-seconds a month (x86) / 7.5 billion (Arm). */
  lambdaPerGbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 },
  /** Standard queue, after the first million a month; each 64 KB of a request counts as one. */
  sqsPerMillionRequests: 0.4,
  dynamodbPerMillionWriteUnits: 0.625,
  dynamodbPerMillionReadUnits: 0.125,
  /** REST API, first 333 million requests a month. */
  apiGatewayPerMillionRequests: 3.5,
  cloudwatchLogsPerGbIngested: 0.5,
  secretsManagerPer10kCalls: 0.05,
  // Monthly costs of a deployed stack, for docs/output/cost-estimate.ts.
  dynamodbStoragePerGbMonth: 0.25,
  dynamodbPitrPerGbMonth: 0.2,
  secretsManagerPerSecretMonth: 0.4,
  /** A custom metric, prorated by the hour it is published. */
  cloudwatchPerMetricMonth: 0.3,
  /** Standard-resolution alarm. */
  cloudwatchPerAlarmMonth: 0.1,
  cloudwatchPerDashboardMonth: 3,
  cloudwatchLogsPerGbStoredMonth: 0.03,
  /** After 14 million free invocations a month, which this stack never reaches. */
  schedulerPerMillionInvocations: 1,
  wafPerWebAclMonth: 5,
  wafPerRuleMonth: 1,
  wafPerMillionRequests: 0.6,
} as const;
