import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import type { CheckOutcome } from './check-outcome.js';

/** The part of a CycloneDX JSON document this module reads. */
export interface CycloneDxBom {
  readonly bomFormat: string;
  readonly specVersion: string;
  readonly components?: readonly {
    readonly group?: string;
    readonly name: string;
    readonly version?: string;
  }[];
}

export interface SbomOptions {
  /** The project whose installed production dependencies (package.json + node_modules) the SBOM lists. */
  readonly cwd: string;
  /** Where the CycloneDX JSON goes. */
  readonly outputFile: string;
}

/**
 * Writes a CycloneDX SBOM of the product's production dependencies with `@cyclonedx/cyclonedx-npm`
 * (flattened, reproducible: no timestamp or serial number, so the same lock file gives the same file).
 */
export function generateSbom(options: SbomOptions): CheckOutcome {
  const cli = join(
    dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-npm')),
    'bin/cyclonedx-npm-cli.js',
  );
  const run = spawnSync(
    process.execPath,
    [
      cli,
      '--omit',
      'dev',
      // `npm ls` exits 1 here: @aws-solutions-constructs/resources declares SDK clients it bundles
      // and aws-cdk-lib bundles its own; the tree npm reports is still complete.
      '--ignore-npm-errors',
      '--flatten-components',
      '--output-reproducible',
      '--output-format',
      'JSON',
      '--output-file',
      options.outputFile,
    ],
    { cwd: options.cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const shown = relative(options.cwd, options.outputFile) || options.outputFile;
  if (run.status !== 0 || !existsSync(options.outputFile)) {
    const summary = `sbom: cyclonedx-npm exited ${run.status ?? run.signal ?? run.error?.message}; no ${shown}`;
    const detail = (run.stderr || '').trim().split('\n').slice(-20).join('\n');
    return {
      check: 'sbom',
      passed: false,
      summary,
      cases: [{ name: shown, failure: { message: summary, detail } }],
    };
  }
  const bom = JSON.parse(readFileSync(options.outputFile, 'utf8')) as CycloneDxBom;
  const count = new Set(sbomPackages(bom)).size;
  return {
    check: 'sbom',
    passed: true,
    summary: `sbom: ${count} production package version(s), CycloneDX ${bom.specVersion}, in ${shown}`,
    cases: [{ name: `${shown}: ${count} production package version(s)` }],
  };
}

/** The packages an SBOM lists, as `name@version` (scoped names with their scope). */
export function sbomPackages(bom: CycloneDxBom): string[] {
  return (bom.components ?? []).map((c) => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version ?? ''}`);
}
