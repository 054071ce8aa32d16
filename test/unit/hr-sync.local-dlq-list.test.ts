import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { PERSONAL, useLocalData } from '../support/local-data.js';

const TIMEOUT = { timeout: 30_000 };
const data = useLocalData();

describe('hr-sync dlq list against the local data', () => {
  it(
    'lists each dead letter by id, provider, class and age, then the counts, as against a stack',
    TIMEOUT,
    async () => {
      const run = await runCli(['dlq', 'list'], { cwd: data.cwd });
      expect(run.code).toBe(0);
      // Ages count from the worker's failedAt; one moved by maxReceiveCount has none.
      const ages = run.stdout.replace(/ {2}\d+s\n/g, '  <age>\n');
      expect(ages).toBe(
        [
          '4 message(s) in the DLQ',
          '',
          '  message id  event id  provider  error class              age',
          `  ${data.deadLetters.a}         a         standard  unknown-email            <age>`,
          `  ${data.deadLetters.b}         b         hibob     unknown-email            <age>`,
          `  ${data.deadLetters.c}         c         standard  heymarket-5xx            <age>`,
          `  ${data.deadLetters.d}         d         standard  (none: maxReceiveCount)  ?`,
          '',
          'by error class:',
          '       2  unknown-email',
          '       1  heymarket-5xx',
          '       1  (none: maxReceiveCount)',
          '',
          'by provider:',
          '       3  standard',
          '       1  hibob',
          '',
        ].join('\n'),
      );
    },
  );

  it('prints JSON, stops at --limit, and leaves every dead letter where it was', TIMEOUT, async () => {
    const limited = await runCli(['dlq', 'list', '--data-dir', data.dataDir, '--limit', '2', '--json']);
    expect(limited.code).toBe(0);
    expect(JSON.parse(limited.stdout)).toMatchObject({
      total: 2,
      byErrorClass: { 'unknown-email': 2 },
      byProvider: { standard: 1, hibob: 1 },
      messages: [
        { messageId: data.deadLetters.a, eventId: 'a', provider: 'standard', errorClass: 'unknown-email' },
        { messageId: data.deadLetters.b, eventId: 'b', provider: 'hibob', errorClass: 'unknown-email' },
      ],
    });
    const all = await runCli(['dlq', 'list', '--local', '--json'], { cwd: data.cwd });
    expect(JSON.parse(all.stdout).total).toBe(4);
    for (const text of PERSONAL) expect(limited.stdout + all.stdout).not.toContain(text);
  });
});
