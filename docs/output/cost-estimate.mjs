#!/usr/bin/env node
// Writes docs/output/cost.md: the monthly AWS cost of one deployed stack for the two workloads
// docs/cost.md discusses, as plain arithmetic over published us-east-1 list prices (no free tier, no
// tax, no data transfer). Every input is named below; change one and run `node docs/output/cost-estimate.mjs`.
import { writeFileSync } from 'node:fs';

// Published us-east-1 list prices (USD), from the AWS pricing pages named in docs/cost.md.
const PRICE = {
  apiGatewayRestPerMillion: 3.5, // first 333 million requests a month
  lambdaRequestPerMillion: 0.2,
  lambdaArmPerGbSecond: 0.0000133334, // first 7.5 billion GB-s a month
  sqsPerMillion: 0.4, // standard queue, per 64 KB chunk of a request
  dynamoWritePerMillion: 0.625, // on-demand write request units
  dynamoReadPerMillion: 0.125, // on-demand read request units
  dynamoStoragePerGbMonth: 0.25,
  pitrPerGbMonth: 0.2,
  secretPerMonth: 0.4,
  secretsApiPer10k: 0.05,
  metricPerMonth: 0.3, // a custom metric, prorated by the hour it is published
  alarmPerMonth: 0.1, // standard-resolution alarm
  dashboardPerMonth: 3,
  logsIngestPerGb: 0.5,
  logsStorePerGbMonth: 0.03,
  schedulerPerMillion: 1, // after 14 million free invocations a month, which this stack never reaches
  wafAclPerMonth: 5,
  wafRulePerMonth: 1,
  wafPerMillion: 0.6,
};

const HOURS = 730; // AWS bills a month as 730 hours
const DAYS = 30;

// What the stack does per unit of work (infra/stack.ts, lambda/aws/*.ts), and the assumptions.
const FIXED = {
  secrets: 3, // Heymarket, webhook, HR API
  alarms: 9, // infra/alarms.ts 3, infra/queues.ts 2, infra/scheduled-reconcile.ts 3, infra/scheduled-redrive.ts 1
  dashboards: 1,
  schedulerRuns: HOURS + DAYS, // redrive every hour, reconcile once a day
  wafRules: 2, // infra/waf.ts: per-IP rate, declared body size
  // Lambda's SQS event source long-polls an idle queue: assumed 5 pollers, one 20 s poll each at a time.
  idlePollRequests: 5 * 3 * 60 * 24 * DAYS,
};

const SCENARIOS = [
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

const RECEIVER_GB = 1; // 1024 MB
const RECEIVER_SECONDS = 0.05; // verify + SendMessageBatch + delivery memory, billed per ms
const WORKER_GB = 0.5; // 512 MB
const SCHEDULER_GB = 0.5;
const SCHEDULER_SECONDS = 2; // a redrive or reconcile run
const LOG_BYTES_PER_CHANGE = 2_500; // access log + receiver + worker lines (lambda/observability/logger.ts)
const WRU_PER_CHANGE = 1 + 2 * 2; // receiver PutItem; worker claim + release, items up to 2 KB
const RRU_PER_CHANGE = 1; // receiver GetItem, strongly consistent, item under 4 KB
const SECRET_READS_PER_MONTH = 3 * 12 * HOURS; // each cached 5 min; an upper bound of one warm container each

const money = (n) => (n > 0 && n < 0.005 ? '< $0.01' : `$${n.toFixed(2)}`);
const count = (n) => Math.round(n).toLocaleString('en-US');

function estimate(s) {
  const deliveries = s.changes / s.changesPerDelivery;
  const batches = s.changes / s.changesPerBatch;
  const receiverGbS = deliveries * RECEIVER_SECONDS * RECEIVER_GB;
  const workerGbS = batches * s.workerSecondsPerBatch * WORKER_GB;
  const schedulerGbS = FIXED.schedulerRuns * SCHEDULER_SECONDS * SCHEDULER_GB;
  const invocations = deliveries + batches + FIXED.schedulerRuns;
  // send (one SendMessageBatch per delivery) + receive + delete per batch + idle polls + DLQ reads per redrive
  const sqsRequests = deliveries + 2 * batches + FIXED.idlePollRequests + 2 * HOURS;
  const logGb = (s.changes * LOG_BYTES_PER_CHANGE) / 1e9;
  const rows = [
    [
      'API Gateway REST',
      `${count(deliveries)} requests × $3.50/M`,
      (deliveries / 1e6) * PRICE.apiGatewayRestPerMillion,
    ],
    [
      'Lambda requests',
      `${count(invocations)} invocations × $0.20/M`,
      (invocations / 1e6) * PRICE.lambdaRequestPerMillion,
    ],
    [
      'Lambda duration (arm64)',
      `${count(receiverGbS + workerGbS + schedulerGbS)} GB-s × $0.0000133334`,
      (receiverGbS + workerGbS + schedulerGbS) * PRICE.lambdaArmPerGbSecond,
    ],
    ['SQS', `${count(sqsRequests)} requests × $0.40/M`, (sqsRequests / 1e6) * PRICE.sqsPerMillion],
    [
      'DynamoDB on-demand',
      `${count(s.changes * WRU_PER_CHANGE)} WRU × $0.625/M + ${count(s.changes * RRU_PER_CHANGE)} RRU × $0.125/M + ${s.tableGb} GB × ($0.25 + $0.20 PITR)`,
      ((s.changes * WRU_PER_CHANGE) / 1e6) * PRICE.dynamoWritePerMillion +
        ((s.changes * RRU_PER_CHANGE) / 1e6) * PRICE.dynamoReadPerMillion +
        s.tableGb * (PRICE.dynamoStoragePerGbMonth + PRICE.pitrPerGbMonth),
    ],
    [
      'Secrets Manager',
      `${FIXED.secrets} secrets × $0.40 + ≤ ${count(SECRET_READS_PER_MONTH)} reads × $0.05/10k`,
      FIXED.secrets * PRICE.secretPerMonth + (SECRET_READS_PER_MONTH / 1e4) * PRICE.secretsApiPer10k,
    ],
    [
      'CloudWatch metrics',
      `${count(s.metricHours)} metric-hours × $0.30/730`,
      (s.metricHours / HOURS) * PRICE.metricPerMonth,
    ],
    [
      'CloudWatch alarms + dashboard',
      `${FIXED.alarms} alarms × $0.10 + ${FIXED.dashboards} dashboard × $3`,
      FIXED.alarms * PRICE.alarmPerMonth + FIXED.dashboards * PRICE.dashboardPerMonth,
    ],
    [
      'CloudWatch Logs',
      `${logGb.toFixed(3)} GB × ($0.50 ingest + $0.03 stored)`,
      logGb * (PRICE.logsIngestPerGb + PRICE.logsStorePerGbMonth),
    ],
    ['EventBridge Scheduler', `${count(FIXED.schedulerRuns)} invocations (14 M a month free)`, 0],
  ];
  const total = rows.reduce((sum, row) => sum + row[2], 0);
  const waf =
    PRICE.wafAclPerMonth + FIXED.wafRules * PRICE.wafRulePerMonth + (deliveries / 1e6) * PRICE.wafPerMillion;
  return { rows, total, waf, deliveries };
}

const lines = ['<!-- written by docs/output/cost-estimate.mjs; do not edit by hand -->', ''];
for (const scenario of SCENARIOS) {
  const { rows, total, waf, deliveries } = estimate(scenario);
  lines.push(
    `### ${scenario.name}`,
    '',
    `${scenario.detail}.`,
    '',
    '| item | arithmetic | per month |',
    '|---|---|---|',
  );
  for (const [item, how, cost] of rows) lines.push(`| ${item} | ${how} | ${money(cost)} |`);
  lines.push(`| **total** | | **${money(total)}** |`);
  lines.push(
    `| optional WAF | $5 web ACL + ${FIXED.wafRules} rules × $1 + ${count(deliveries)} requests × $0.60/M | ${money(waf)} |`,
    '',
  );
}
writeFileSync(new URL('./cost.md', import.meta.url), lines.join('\n'));
console.log(lines.join('\n'));
