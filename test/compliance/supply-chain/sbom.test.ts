import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSbom, sbomPackages, type CycloneDxBom } from '../../../compliance/supply-chain/sbom.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const packageNames = (bom: CycloneDxBom) =>
  new Set(sbomPackages(bom).map((p) => p.slice(0, p.lastIndexOf('@'))));

/** `name@version` of every package in `npm ls --all --omit dev` of this project. */
function installedProductionPackages(): Set<string> {
  const ls = spawnSync('npm', ['ls', '--all', '--omit', 'dev', '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(ls.status).toBe(0);
  type Tree = { version?: string; dependencies?: Record<string, Tree> };
  const found = new Set<string>();
  const walk = (tree: Tree) => {
    for (const [name, child] of Object.entries(tree.dependencies ?? {})) {
      if (child.version) found.add(`${name}@${child.version}`);
      walk(child);
    }
  };
  walk(JSON.parse(ls.stdout) as Tree);
  return found;
}

describe('the SBOM', () => {
  // npm sbom reads the whole installed tree: seconds, more on a busy machine.
  it(
    "lists the product's runtime dependencies with versions, and no dev-only tool",
    { timeout: 180_000 },
    () => {
      dir = mkdtempSync(join(tmpdir(), 'sbom-'));
      const outputFile = join(dir, 'sbom.cdx.json');
      const outcome = generateSbom({ cwd: process.cwd(), outputFile });
      expect(outcome.passed).toBe(true);
      expect(outcome.summary).toMatch(
        /^sbom: \d+ production package version\(s\), CycloneDX 1\.5, in .*sbom\.cdx\.json$/,
      );

      const bom = JSON.parse(readFileSync(outputFile, 'utf8')) as CycloneDxBom & Record<string, unknown>;
      expect(bom.bomFormat).toBe('CycloneDX');
      const names = packageNames(bom);
      for (const runtime of [
        'pg',
        '@trpc/server',
        'zod',
        'jose',
        '@aws-lambda-powertools/logger',
        'aws-cdk-lib',
      ]) {
        expect(names).toContain(runtime);
      }
      for (const devOnly of ['vitest', 'eslint', 'prettier', 'typescript-eslint', '@secretlint/node']) {
        expect(names).not.toContain(devOnly);
      }
      // Every production package npm installed, as `npm ls --omit dev` lists them, and nothing else:
      // `pg-types` is shared with a dev-only tool and `commander@10.0.1` is installed twice, once dev-only.
      expect(names).toContain('pg-types');
      expect(new Set(sbomPackages(bom))).toEqual(installedProductionPackages());
      const installedPg = JSON.parse(readFileSync('node_modules/pg/package.json', 'utf8')).version;
      expect(sbomPackages(bom)).toContain(`pg@${installedPg}`);
      // Reproducible: the same install gives the same file (no timestamp, no random serial number).
      expect(bom.serialNumber).toBeUndefined();
      expect((bom.metadata as Record<string, unknown>).timestamp).toBeUndefined();
    },
  );

  it('fails, saying so, where there is no project to describe', () => {
    dir = mkdtempSync(join(tmpdir(), 'sbom-'));
    const outcome = generateSbom({ cwd: dir, outputFile: join(dir, 'sbom.cdx.json') });
    expect(outcome.passed).toBe(false);
    expect(outcome.summary).toMatch(/^sbom: npm sbom exited \d+; no sbom\.cdx\.json$/);
    expect(outcome.cases[0]!.failure!.detail).not.toBe('');
  });
});
