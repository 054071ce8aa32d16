import { createHmac, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import * as z from 'zod/mini';
import { reviewTable } from '../cli/access-review-output.js';
import { createLocalTarget } from '../cli/local-target.js';
import type { ProviderName } from '../core/employee-change.js';
import { readHostSettings } from './host-settings.js';
import { resolveWebhookSecrets } from './local-secrets.js';
import { loadSandboxUsers, type SandboxUser } from './sandbox-users.js';

/**
 * `npm run demo`, against a running `npm start` with the sandbox: sends one signed delivery per
 * provider that carries the employee in its body, waits until the queue is empty, and prints each
 * demo user before and after, then the access review (one leaver who still holds a seat). It uses the
 * same settings and secrets as the host it talks to.
 */
const SANDBOX_STATE_FILE = 'sandbox-heymarket.json';
const WAIT_MS = 30_000;
// Every call goes to the host on this machine: a few seconds means it is not answering.
const CALL_TIMEOUT_MS = 5_000;

/** What the demo reads of `GET /healthz`. */
const Health = z.object({
  queue: z.object({ visible: z.int(), inFlight: z.int() }),
  dlq: z.int(),
});

async function health(base: string): Promise<z.infer<typeof Health>> {
  const answer = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
  const body = Health.safeParse(await answer.json().catch(() => undefined));
  if (!body.success)
    throw new Error(`demo: ${base}/healthz answered ${answer.status} without the queue's counts`);
  return body.data;
}

interface Sample {
  provider: ProviderName;
  headers: (body: string, secret: string) => Record<string, string>;
  what: string;
}

const iso = () => new Date().toISOString();

const SAMPLES: Sample[] = [
  {
    provider: 'standard',
    what: 'renames ada@example.test; moves grace@example.test to Support; names someone Heymarket does not know; edsger@example.test leaves',
    headers: (body, secret) => {
      const id = `msg_demo_${randomUUID()}`;
      const timestamp = new Date();
      const signature = new Webhook(secret).sign(id, timestamp, body);
      return {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      };
    },
  },
  {
    provider: 'bamboohr',
    what: 'a field-based webhook: alan@example.test moves to Engineering',
    headers: (body, secret) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', secret).update(body).update(timestamp).digest('hex');
      return { 'x-bamboohr-signature': signature, 'x-bamboohr-timestamp': timestamp };
    },
  },
  {
    provider: 'merge',
    what: 'Employee.changed: katherine@example.test now goes by Kathy',
    headers: (body, secret) => ({
      'x-merge-webhook-signature': createHmac('sha256', secret).update(body).digest('base64'),
    }),
  },
];

function bodyOf(provider: ProviderName): string {
  const at = iso();
  switch (provider) {
    case 'standard':
      return JSON.stringify([
        {
          type: 'employee.updated',
          occurredAt: at,
          employee: { id: 'demo-1', workEmail: 'ada@example.test', firstName: 'Ada', lastName: 'King' },
        },
        {
          type: 'employee.updated',
          occurredAt: at,
          employee: { id: 'demo-2', workEmail: 'grace@example.test', department: 'Support' },
        },
        {
          type: 'employee.created',
          occurredAt: at,
          employee: { id: 'demo-9', workEmail: 'nobody@example.test', firstName: 'No', lastName: 'Body' },
        },
        {
          // A leaver whose seat only a person can take away: the access review lists them.
          type: 'employee.terminated',
          occurredAt: at,
          employee: { id: 'demo-5', workEmail: 'edsger@example.test', status: 'terminated' },
        },
      ]);
    case 'bamboohr':
      return JSON.stringify({
        employees: [
          {
            action: 'Updated',
            changedFields: ['Department'],
            id: 'demo-3',
            timestamp: at,
            fields: {
              'First Name': 'Alan',
              'Last Name': 'Turing',
              'Work Email': 'alan@example.test',
              Department: 'Engineering',
              Status: 'Active',
            },
          },
        ],
      });
    default:
      return JSON.stringify({
        hook: { id: randomUUID(), event: 'Employee.changed', target: 'http://localhost/webhooks/merge' },
        linked_account: { id: 'demo-linked-account' },
        data: {
          id: 'demo-4',
          modified_at: at,
          first_name: 'Katherine',
          last_name: 'Johnson',
          preferred_name: 'Kathy',
          work_email: 'katherine@example.test',
          employment_status: 'ACTIVE',
        },
      });
  }
}

async function main(): Promise<number> {
  const settings = readHostSettings(process.env, process.cwd());
  if (settings.heymarket.kind !== 'sandbox') {
    process.stderr.write('demo: runs against the built-in sandbox only; unset HEYMARKET_API_SECRET_ID/KEY\n');
    return 2;
  }
  const base = `http://${settings.host}:${settings.port}`;
  const up = await health(base).catch(() => undefined);
  if (!up) {
    process.stderr.write(
      `demo: no local host answers at ${base}: run \`npm start\` in another terminal first\n`,
    );
    return 2;
  }
  const stateFile = join(settings.dataDir, SANDBOX_STATE_FILE);
  const before = loadSandboxUsers(stateFile) ?? [];
  const enabled = SAMPLES.filter(({ provider }) => settings.config.providers[provider].enabled);
  const { secrets } = resolveWebhookSecrets(
    settings.dataDir,
    settings.webhookSecrets,
    enabled.map(({ provider }) => provider),
  );

  for (const sample of SAMPLES) {
    if (!enabled.includes(sample) || !secrets[sample.provider]) {
      process.stdout.write(`${sample.provider.padEnd(9)} skipped: not enabled in the configuration\n`);
      continue;
    }
    const body = bodyOf(sample.provider);
    const answer = await fetch(`${base}/webhooks/${sample.provider}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...sample.headers(body, secrets[sample.provider] as string),
      },
      body,
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    process.stdout.write(`${sample.provider.padEnd(9)} ${answer.status}  ${sample.what}\n`);
  }
  process.stdout.write(
    'hibob     skipped: HiBob sends ids only; set HIBOB_SERVICE_USER_ID and HIBOB_TOKEN\n',
  );
  process.stdout.write(
    'personio  skipped: Personio sends ids only; set PERSONIO_CLIENT_ID and PERSONIO_CLIENT_SECRET\n',
  );

  const drained = await waitForEmptyQueue(base);
  const after = loadSandboxUsers(stateFile) ?? [];
  process.stdout.write(`\n${table(before, after)}\n`);
  const { dlq } = await health(base);
  process.stdout.write(
    `\n${drained ? 'queue empty' : `queue not empty after ${WAIT_MS / 1000} s`}; DLQ holds ${dlq} message(s): \`npm run hr-sync -- dlq list\` says why\n`,
  );
  // What only a person can fix in Heymarket, as `hr-sync access-review` prints it.
  const review = await createLocalTarget({ dataDir: settings.dataDir }).latestAccessReview();
  if (review) process.stdout.write(`\n${reviewTable(review, 'the local host', Date.now())}\n`);
  return drained ? 0 : 1;
}

async function waitForEmptyQueue(base: string): Promise<boolean> {
  const until = Date.now() + WAIT_MS;
  // A short pause first: the worker may not have received what was just accepted.
  await new Promise((resolve) => setTimeout(resolve, 300));
  while (Date.now() < until) {
    const { queue } = await health(base);
    if (queue.visible + queue.inFlight === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/** Each demo user before and after, one row each; a changed cell shows `old → new`. */
function table(before: SandboxUser[], after: SandboxUser[]): string {
  const columns = ['id', 'email', 'first_name', 'last_name', 'role_id'] as const;
  const rows = after.map((user) => {
    const old = before.find((candidate) => candidate.id === user.id);
    return columns.map((column) => {
      const now = String(user[column]);
      const was = old === undefined ? now : String(old[column]);
      return was === now ? now : `${was} → ${now}`;
    });
  });
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...rows.map((row) => (row[index] as string).length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ');
  return [line(columns), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

process.exitCode = await main();
