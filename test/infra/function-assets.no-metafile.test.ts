import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/hr-sync-app.js';

const outdir = mkdtempSync(join(tmpdir(), 'hr-sync-assets-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the deployed function assets', () => {
  it('carry the bundle and no esbuild metafile', { timeout: 180_000 }, () => {
    // Bundled for real, with the context a deploy has: nothing asks for the metafile.
    const assembly = createApp({
      outdir,
      bundle: true,
      context: { config: 'hr-sync.config.example.json' },
    }).synth();
    const assets = readdirSync(assembly.directory, { withFileTypes: true }).filter(
      (entry) => entry.isDirectory() && entry.name.startsWith('asset.'),
    );
    const files = assets.flatMap((asset) =>
      readdirSync(join(assembly.directory, asset.name), { recursive: true }).map((file) =>
        join(asset.name, String(file)),
      ),
    );
    const bundles = files.filter((file) => file.endsWith('/index.mjs'));
    expect(bundles.length, 'a bundle per function: receiver, worker, scheduler').toBeGreaterThanOrEqual(3);
    expect(files.filter((file) => file.endsWith('.meta.json'))).toEqual([]);
  });
});
