// Writes docs/output/cost.md: the monthly AWS cost of one deployed stack for the two workloads
// docs/cost.md discusses, as plain arithmetic over the list prices in bench/aws-prices.ts (no free
// tier, no tax, no data transfer). Every input is named below; change one and run
// `npx tsx docs/output/cost-estimate.ts`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AWS_PRICES as P } from '../../bench/aws-prices.js';
import { createApp, STACK_NAME } from '../../infra/hr-sync-app.js';

const HOURS = 730; // AWS bills a month as 730 hours
const DAYS = 30;

interface Resource {
  Type: string;
  Properties?: { MemorySize?: number; Rules?: unknown[] };
}

/**
 * The stack as `cdk synth` builds it with the example configuration (and, for the optional WAF, with
 * it switched on): its resources, so counts and memory sizes are read, never restated.
 */
function synthesised(context: Record<string, unknown> = {}): [string, Resource][] {
  const outdir = mkdtempSync(join(tmpdir(), 'hr-sync-cost-'));
  try {
    const app = createApp({
      outdir,
      bundle: false,
      context: { config: 'hr-sync.config.example.json', ...context },
    });
    const template = app.synth().getStackByName(STACK_NAME).template as {
      Resources: Record<string, Resource>;
    };
    return Object.entries(template.Resources);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
const stack = synthesised();
const resourceCount = (type: string) => stack.filter(([, r]) => r.Type === type).length;
/** Memory in GB of the one function whose logical id starts with `prefix` (the construct path). */
function memoryGb(prefix: string): number {
  const found = stack.filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(prefix));
  const mb = found[0]?.[1].Properties?.MemorySize;
  if (found.length !== 1 || typeof mb !== 'number')
    throw new Error(
      `cost estimate: expected one function ${prefix}… with a MemorySize, found ${found.length}`,
    );
  return mb / 1024;
}
const wafRules = synthesised({ wafRateLimitPer5Min: 2000 })
  .filter(([, r]) => r.Type === 'AWS::WAFv2::WebACL')
  .reduce((sum, [, r]) => sum + (r.Properties?.Rules?.length ?? 0), 0);

// What the stack does per unit of work (infra/stack.ts, lambda/aws/*.ts), and the assumptions.
const FIXED = {
  secrets: resourceCount('AWS::SecretsManager::Secret'),
  alarms: resourceCount('AWS::CloudWatch::Alarm'),
  dashboards: resourceCount('AWS::CloudWatch::Dashboard'),
  schedulerRuns: HOURS + DAYS, // redrive every hour, reconcile once a day
  wafRules,
  // Lambda's SQS event source long-polls an idle queue: assumed 5 pollers, one 20 s poll each at a time.
  idlePollRequests: 5 * 3 * 60 * 24 * DAYS,
};

interface Scenario {
  name: string;
  detail: string;
  changes: number;
  changesPerDelivery: number;
  changesPerBatch: number;
  workerSecondsPerBatch: number;
  metricHours: number;
  tableGb: number;
}

const SCENARIOS: Scenario[] = [
  {
    name: '500 employees',
    detail: '500 employees and 1,000 changes a month (two per employee: hires, leavers, renames, moves)',
    changes: 1_000,
    changesPerDelivery: 1,
    changesPerBatch: 2, // changes arrive apart, so a batch holds one or two
    workerSecondsPerBatch: 1,
    metricHours: 8 * 150 + 8 * DAYS, // ~8 series in the ~150 hours with a change, 8 per reconcile run
    tableGb: 0.01,
  },
  {
    name: '50,000 changes a day',
    detail: '50,000 changes a day, one change per delivery (the worst case for API Gateway and the receiver)',
    changes: 50_000 * DAYS,
    changesPerDelivery: 1,
    changesPerBatch: 10,
    workerSecondsPerBatch: 1.5,
    metricHours: 15 * HOURS + 8 * DAYS, // ~15 series published every hour
    tableGb: 0.5,
  },
];

const RECEIVER_GB = memoryGb('Receiver');
const RECEIVER_SECONDS = 0.05; // verify + SendMessageBatch + delivery memory, billed per ms
const WORKER_GB = memoryGb('Worker');
const SCHEDULER_GB = memoryGb('RedriveScheduler');
const SCHEDULER_SECONDS = 2; // a redrive or reconcile run
const LOG_BYTES_PER_CHANGE = 2_500; // access log + receiver + worker lines (lambda/observability/logger.ts)
const WRU_PER_CHANGE = 1 + 2 * 2; // receiver PutItem; worker claim + release, items up to 2 KB
const RRU_PER_CHANGE = 1; // receiver GetItem, strongly consistent, item under 4 KB
const SECRET_READS_PER_MONTH = FIXED.secrets * 12 * HOURS; // each cached 5 min; an upper bound of one warm container each

const money = (n: number) => (n > 0 && n < 0.005 ? '< $0.01' : `$${n.toFixed(2)}`);
const count = (n: number) => Math.round(n).toLocaleString('en-US');

// $3, $0.40, $0.625, $0.0000133334: exactly as the pricing pages write them (cents to two places).
const usd = (n: number) => `$${/\.\d$/.test(String(n)) ? `${n}0` : n}`;
const perMillion = (n: number) => `$${n.toFixed(2)}/M`;

function estimate(s: Scenario) {
  const deliveries = s.changes / s.changesPerDelivery;
  const batches = s.changes / s.changesPerBatch;
  const receiverGbS = deliveries * RECEIVER_SECONDS * RECEIVER_GB;
  const workerGbS = batches * s.workerSecondsPerBatch * WORKER_GB;
  const schedulerGbS = FIXED.schedulerRuns * SCHEDULER_SECONDS * SCHEDULER_GB;
  const invocations = deliveries + batches + FIXED.schedulerRuns;
  // send (one SendMessageBatch per delivery) + receive + delete per batch + idle polls + DLQ reads per redrive
  const sqsRequests = deliveries + 2 * batches + FIXED.idlePollRequests + 2 * HOURS;
  const logGb = (s.changes * LOG_BYTES_PER_CHANGE) / 1e9;
  const rows: [string, string, number][] = [
    [
      'API Gateway REST',
      `${count(deliveries)} requests × ${perMillion(P.apiGatewayPerMillionRequests)}`,
      (deliveries / 1e6) * P.apiGatewayPerMillionRequests,
    ],
    [
      'Lambda requests',
      `${count(invocations)} invocations × ${perMillion(P.lambdaPerMillionRequests)}`,
      (invocations / 1e6) * P.lambdaPerMillionRequests,
    ],
    [
      'Lambda duration (arm64)',
      `${count(receiverGbS + workerGbS + schedulerGbS)} GB-s × ${usd(P.lambdaPerGbSecond.arm64)}`,
      (receiverGbS + workerGbS + schedulerGbS) * P.lambdaPerGbSecond.arm64,
    ],
    [
      'SQS',
      `${count(sqsRequests)} requests × ${perMillion(P.sqsPerMillionRequests)}`,
      (sqsRequests / 1e6) * P.sqsPerMillionRequests,
    ],
    [
      'DynamoDB on-demand',
      `${count(s.changes * WRU_PER_CHANGE)} WRU × ${usd(P.dynamodbPerMillionWriteUnits)}/M + ${count(s.changes * RRU_PER_CHANGE)} RRU × ${usd(P.dynamodbPerMillionReadUnits)}/M + ${s.tableGb} GB × (${usd(P.dynamodbStoragePerGbMonth)} + ${usd(P.dynamodbPitrPerGbMonth)} PITR)`,
      ((s.changes * WRU_PER_CHANGE) / 1e6) * P.dynamodbPerMillionWriteUnits +
        ((s.changes * RRU_PER_CHANGE) / 1e6) * P.dynamodbPerMillionReadUnits +
        s.tableGb * (P.dynamodbStoragePerGbMonth + P.dynamodbPitrPerGbMonth),
    ],
    [
      'Secrets Manager',
      `${FIXED.secrets} secrets × ${usd(P.secretsManagerPerSecretMonth)} + ≤ ${count(SECRET_READS_PER_MONTH)} reads × ${usd(P.secretsManagerPer10kCalls)}/10k`,
      FIXED.secrets * P.secretsManagerPerSecretMonth +
        (SECRET_READS_PER_MONTH / 1e4) * P.secretsManagerPer10kCalls,
    ],
    [
      'CloudWatch metrics',
      `${count(s.metricHours)} metric-hours × ${usd(P.cloudwatchPerMetricMonth)}/${HOURS}`,
      (s.metricHours / HOURS) * P.cloudwatchPerMetricMonth,
    ],
    [
      'CloudWatch alarms + dashboard',
      `${FIXED.alarms} alarms × ${usd(P.cloudwatchPerAlarmMonth)} + ${FIXED.dashboards} dashboard × ${usd(P.cloudwatchPerDashboardMonth)}`,
      FIXED.alarms * P.cloudwatchPerAlarmMonth + FIXED.dashboards * P.cloudwatchPerDashboardMonth,
    ],
    [
      'CloudWatch Logs',
      `${logGb.toFixed(3)} GB × (${usd(P.cloudwatchLogsPerGbIngested)} ingest + ${usd(P.cloudwatchLogsPerGbStoredMonth)} stored)`,
      logGb * (P.cloudwatchLogsPerGbIngested + P.cloudwatchLogsPerGbStoredMonth),
    ],
    ['EventBridge Scheduler', `${count(FIXED.schedulerRuns)} invocations (14 M a month free)`, 0],
  ];
  const total = rows.reduce((sum, row) => sum + row[2], 0);
  const waf =
    P.wafPerWebAclMonth + FIXED.wafRules * P.wafPerRuleMonth + (deliveries / 1e6) * P.wafPerMillionRequests;
  return { rows, total, waf, deliveries };
}

const monthly: string[] = [];
for (const scenario of SCENARIOS) {
  const { rows, total, waf, deliveries } = estimate(scenario);
  monthly.push(
    `## ${scenario.name}`,
    '',
    `${scenario.detail}.`,
    '',
    '| item | arithmetic | per month |',
    '|---|---|---|',
  );
  for (const [item, how, cost] of rows) monthly.push(`| ${item} | ${how} | ${money(cost)} |`);
  monthly.push(`| **total** | | **${money(total)}** |`);
  monthly.push(
    `| optional WAF | ${usd(P.wafPerWebAclMonth)} web ACL + ${FIXED.wafRules} rules × ${usd(P.wafPerRuleMonth)} + ${count(deliveries)} requests × ${perMillion(P.wafPerMillionRequests)} | ${money(waf)} |`,
    '',
  );
}

const page = (url: string) => `<${url}>`;
const prices = [
  '| service | price used | page |',
  '|---|---|---|',
  `| API Gateway REST API | ${usd(P.apiGatewayPerMillionRequests)} per million requests (first 333 million) | ${page(P.pages.apiGateway)} |`,
  `| Lambda, arm64 | ${usd(P.lambdaPerMillionRequests)} per million requests; ${usd(P.lambdaPerGbSecond.arm64)} per GB-second | ${page(P.pages.lambda)} |`,
  `| SQS standard queue | ${usd(P.sqsPerMillionRequests)} per million requests (each 64 KB of a request counts as one) | ${page(P.pages.sqs)} |`,
  `| DynamoDB on-demand | ${usd(P.dynamodbPerMillionWriteUnits)} per million write request units; ${usd(P.dynamodbPerMillionReadUnits)} per million read request units; ${usd(P.dynamodbStoragePerGbMonth)} per GB-month; point-in-time recovery ${usd(P.dynamodbPitrPerGbMonth)} per GB-month | ${page(P.pages.dynamodb)} |`,
  `| Secrets Manager | ${usd(P.secretsManagerPerSecretMonth)} per secret per month; ${usd(P.secretsManagerPer10kCalls)} per 10,000 API calls | ${page(P.pages.secretsManager)} |`,
  `| CloudWatch | ${usd(P.cloudwatchPerMetricMonth)} per custom metric per month, prorated by the hour it is published; ${usd(P.cloudwatchPerAlarmMonth)} per standard alarm; ${usd(P.cloudwatchPerDashboardMonth)} per dashboard; logs ${usd(P.cloudwatchLogsPerGbIngested)} per GB ingested and ${usd(P.cloudwatchLogsPerGbStoredMonth)} per GB-month stored | ${page(P.pages.cloudwatch)} |`,
  `| EventBridge Scheduler | ${usd(P.schedulerPerMillionInvocations)} per million invocations after 14 million free a month | ${page(P.pages.scheduler)} |`,
  `| WAF (optional) | ${usd(P.wafPerWebAclMonth)} per web ACL and ${usd(P.wafPerRuleMonth)} per rule per month; ${usd(P.wafPerMillionRequests)} per million requests | ${page(P.pages.waf)} |`,
  '',
];

// `--check` writes nothing and fails when a document differs from what the prices and the stack give.
const check = process.argv.includes('--check');
const root = fileURLToPath(new URL('../..', import.meta.url));
const outputs = [
  {
    file: 'docs/output/cost.md',
    text: [
      '<!-- written by docs/output/cost-estimate.ts; do not edit by hand -->',
      '',
      ...prices,
      ...monthly,
    ].join('\n'),
  },
  {
    file: 'docs/cost.md',
    sections: { 'cost:prices': prices.join('\n'), 'cost:monthly': monthly.join('\n') },
  },
];
const stale: string[] = [];
for (const output of outputs) {
  const path = join(root, output.file);
  const before = readFileSync(path, 'utf8');
  let after = output.text ?? before;
  for (const [name, text] of Object.entries(output.sections ?? {})) after = replaceSection(after, name, text);
  if (after === before) continue;
  if (check) stale.push(output.file);
  else writeFileSync(path, after);
}
if (stale.length > 0) {
  console.error(`cost figures differ in ${stale.join(', ')}: run npx tsx docs/output/cost-estimate.ts`);
  process.exit(1);
}

/** Replaces what lies between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
function replaceSection(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`no ${start} … ${end} section to write into`);
  return `${text.slice(0, from + start.length)}\n${body.trim()}\n${text.slice(to)}`;
}
