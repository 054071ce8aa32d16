import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AppRun, cdkJsonContext, runCdkApp } from '../support/run-cdk-app.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A directory to run `cdk synth` from, holding only the given files: inside the clone (.scratch/ is
 * git-ignored), where the functions find package-lock.json, and apart from any hr-sync.config.json
 * the developer keeps at the root.
 */
function workdir(files: Record<string, string> = {}): string {
  mkdirSync('.scratch', { recursive: true });
  const dir = mkdtempSync(resolve('.scratch', 'config-file-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function synth(options: Parameters<typeof runCdkApp>[0]): Promise<AppRun> {
  const result = await runCdkApp(options);
  dirs.push(result.outdir);
  return result;
}

const webhookOutputs = (result: AppRun) => {
  const template = JSON.parse(readFileSync(join(result.outdir, 'HeymarketHrSync.template.json'), 'utf8'));
  return Object.keys(template.Outputs).filter((name) => name.startsWith('WebhookUrl'));
};

const EXAMPLE = resolve('hr-sync.config.example.json');
const OWN_CONFIG = JSON.stringify({
  providers: { standard: { enabled: false }, bamboohr: { enabled: true }, hibob: { enabled: true } },
});

// Each case runs the app in its own process: seconds of CPU, more on a busy machine.
describe.concurrent('cdk synth builds the configuration you made, never the example by default', {
  timeout: 120_000,
}, () => {
  it('cdk.json names no config file, so the default hr-sync.config.json applies', () => {
    expect(cdkJsonContext()).not.toHaveProperty('config');
  });

  it('git ignores hr-sync.config.json, so your configuration is never committed by accident', () => {
    // check-ignore exits 0 (and prints the path) when a rule ignores it, 1 when none does.
    expect(execFileSync('git', ['check-ignore', 'hr-sync.config.json'], { encoding: 'utf8' }).trim()).toBe(
      'hr-sync.config.json',
    );
  });

  it('fails, saying to copy the example or pass -c config=, when there is no hr-sync.config.json', async () => {
    const cwd = workdir();
    const { code, stderr } = await synth({ cwd });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `config: no hr-sync.config.json in ${cwd}; the stack is built from your configuration, never the example.\n` +
        'Create it with `cp hr-sync.config.example.json hr-sync.config.json` and edit it, or pass -c config=PATH.',
    );
  });

  it('builds hr-sync.config.json where cdk runs, printing the file and the providers it enables', async () => {
    const cwd = workdir({ 'hr-sync.config.json': OWN_CONFIG });
    const result = await synth({ cwd });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `hr-sync: config ${join(cwd, 'hr-sync.config.json')}; providers enabled: bamboohr, hibob\n`,
    );
    expect(webhookOutputs(result).sort()).toEqual(['WebhookUrl', 'WebhookUrlBamboohr', 'WebhookUrlHibob']);
  });

  it('builds the file given with -c config=PATH instead, and says so', async () => {
    const cwd = workdir({ 'hr-sync.config.json': OWN_CONFIG });
    const result = await synth({ cwd, context: { config: EXAMPLE } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`hr-sync: config ${EXAMPLE}; providers enabled: standard\n`);
    expect(webhookOutputs(result).sort()).toEqual(['WebhookUrl', 'WebhookUrlStandard']);
  });

  it('fails on a mistyped context key, naming the key it meant, before building anything', async () => {
    const cwd = workdir({ 'hr-sync.config.json': OWN_CONFIG });
    const { code, stderr } = await synth({
      cwd,
      context: { heymarketSecretARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:hm-AbCdEf' },
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'context: unknown key "heymarketSecretARN"; did you mean "heymarketSecretArn"?',
    );
  });
});
