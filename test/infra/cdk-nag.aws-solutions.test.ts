import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../infra/hr-sync-app.js';
import { EXAMPLE_CONFIG_PATH } from './synth-template.js';

// The app exactly as `cdk synth` builds it (cdk-nag registered by createApp), minus esbuild.
const outdirs: string[] = [];
const newApp = (extra: Record<string, string>): App => {
  const outdir = mkdtempSync(join(tmpdir(), 'hr-sync-nag-'));
  outdirs.push(outdir);
  return createApp({ bundle: false, outdir, context: { config: EXAMPLE_CONFIG_PATH, ...extra } });
};
afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

interface Report {
  pluginReports: { pluginName: string; violations: { ruleName: string; severity: string }[] }[];
}

// A full synth with cdk-nag: ~20 s on an idle 2-core machine, more on a busy one.
const SYNTH_TIMEOUT_MS = 120_000;

// The WAF web ACL answers APIG3 itself, so its acknowledgement must come and go with it.
describe.each([
  ['without the WAF web ACL (the default)', {}],
  ['with the WAF web ACL', { wafRateLimitPer5Min: '2000' }],
])('cdk-nag AwsSolutions, %s', (_, extra: Record<string, string>) => {
  it('leaves no finding unacknowledged, error or warning, in the synthesised app', {
    timeout: SYNTH_TIMEOUT_MS,
  }, () => {
    // Errors make synth throw, with the report in the message; warnings only land in the report.
    const assembly = newApp(extra).synth();
    const report: Report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    );
    const findings = report.pluginReports.flatMap((plugin) =>
      plugin.violations.map(
        (violation) => `${plugin.pluginName}: ${violation.severity} ${violation.ruleName}`,
      ),
    );
    expect(findings).toEqual([]);
  });

  it('acknowledges only findings that exist, each on the construct it concerns, with a reason', () => {
    const acknowledged = new Map<string, string>();
    for (const construct of newApp(extra).node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          acknowledged.set(`${construct.node.path} ${id.replace(/^annotation::/i, '')}`, reason);
        }
      }
    }

    // The same app with every acknowledgement dropped: what cdk-nag would report without them.
    const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => {});
    const bare = newApp(extra);
    spy.mockRestore();
    const findings = new AwsSolutionsChecks().validateScope(bare).violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => ({
        rule: violation.ruleName,
        path: resource.constructPath,
      })),
    );

    expect(acknowledged.size).toBeGreaterThan(0);
    for (const [key, reason] of acknowledged) {
      const [path, rule] = key.split(' ') as [string, string];
      const answered = findings.filter(
        (finding) => finding.rule === rule && (finding.path === path || finding.path?.startsWith(`${path}/`)),
      );
      expect(answered, `${key} acknowledges no finding`).not.toHaveLength(0);
      expect(reason.length, `${key} needs a real reason`).toBeGreaterThan(60);
    }
    // And the acknowledged ones are all there were.
    for (const finding of findings) {
      const covered = [...acknowledged.keys()].some((key) => {
        const [path, rule] = key.split(' ') as [string, string];
        return rule === finding.rule && (finding.path === path || finding.path?.startsWith(`${path}/`));
      });
      expect(covered, `${finding.rule} on ${finding.path} is not acknowledged`).toBe(true);
    }
  });
});
