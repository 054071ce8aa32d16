import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'hr-sync-bad-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `infra/app.ts` as the CDK CLI runs it (the CLI passes context in CDK_CONTEXT_JSON). */
async function synthWith(context: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: undefined },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function configFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

// Six app processes at once: seconds each, far more than the default 30 s on a busy machine.
describe.concurrent('cdk synth with a bad config file', { timeout: 120_000 }, () => {
  it('fails naming the file, the key and the problem when the config breaks a rule', async () => {
    const path = configFile(
      'wrong-type.json',
      '{"roles":{"rules":[{"match":{"department":42},"roleId":4}]}}',
    );
    const { code, stderr } = await synthWith({ config: path });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `config: roles.rules[0].match.department Invalid input: expected string, received number in ${path}`,
    );
  });

  it('fails naming the rule and how to fix it when the config hands out a protected role', async () => {
    const path = configFile(
      'protected-role.json',
      '{"roles":{"rules":[{"match":{"jobTitle":"Head of Support"},"roleId":1}]}}',
    );
    const { code, stderr } = await synthWith({ config: path });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'config: roles.rules[0].roleId 1 is a protected role (roles.protectedRoleIds); choose another role ' +
        `or set roles.allowAssigningProtected: true in ${path}`,
    );
  });

  it('fails naming the file when it is not JSON', async () => {
    const path = configFile('broken.json', '{ "dryRun": tru');
    const { code, stderr } = await synthWith({ config: path });
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^config: not valid JSON \\(.+\\) in ${path}\\n?$`));
    noStackTrace(stderr);
  });

  it('fails naming the file when it does not exist', async () => {
    const path = join(dir, 'missing.json');
    const { code, stderr } = await synthWith({ config: path });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`config: cannot read ${path} (ENOENT)`);
  });

  it('fails the same way for a context value it cannot use', async () => {
    const { code, stderr } = await synthWith({
      config: 'hr-sync.config.example.json',
      webhookSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:webhooks',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^context: webhookSecretArn must be the complete ARN/);
    noStackTrace(stderr);
  });

  it('fails naming the key and the providers for a throttle it cannot use', async () => {
    const { code, stderr } = await synthWith({
      config: 'hr-sync.config.example.json',
      throttle: '{"bamboo":{"rateLimit":5}}',
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'context: throttle.bamboo is not a provider; use standard, bamboohr, merge, hibob, personio',
    );
  });
});
