/**
 * AWS's published on-demand list prices (USD) for one region, as the pricing pages showed them on
 * the date below: no free tier, savings plans, taxes or data transfer. docs/cost.md quotes the same
 * pages and date. Prices change and differ by region: update the date with the figures.
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
} as const;
