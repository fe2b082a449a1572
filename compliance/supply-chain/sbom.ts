import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CheckOutcome } from './check-outcome.js';

/** The part of a CycloneDX JSON document this module reads. */
export interface CycloneDxBom {
  readonly bomFormat: string;
  readonly specVersion: string;
  readonly serialNumber?: string;
  readonly metadata?: { readonly timestamp?: string; readonly [key: string]: unknown };
  readonly components?: readonly {
    readonly 'bom-ref'?: string;
    readonly group?: string;
    readonly name: string;
    readonly version?: string;
  }[];
  readonly dependencies?: readonly { readonly ref: string; readonly dependsOn?: readonly string[] }[];
}

export interface SbomOptions {
  /** The project whose installed production dependencies (package.json + node_modules) the SBOM lists. */
  readonly cwd: string;
  /** Where the CycloneDX JSON goes. */
  readonly outputFile: string;
}

/**
 * Writes a CycloneDX SBOM of the product's production dependencies with npm's own `npm sbom`
 * (nothing to install or compile), reproducible: no timestamp or serial number, so the same install gives
 * the same file.
 *
 * The whole installed tree is listed, then the dev-only packages are left out by the lock file's `dev` flags
 * (npm's own classification): `npm sbom --omit dev` also drops production packages that a dev tool shares
 * (npm/cli#7909, e.g. `pg-types`), and a package installed twice, once dev-only, is listed once under the
 * dev copy's flags.
 */
export function generateSbom(options: SbomOptions): CheckOutcome {
  const run = spawnSync('npm', ['sbom', '--sbom-format', 'cyclonedx'], {
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const shown = relative(options.cwd, options.outputFile) || options.outputFile;
  const production = run.status === 0 ? productionPackages(options.cwd) : undefined;
  if (run.status !== 0 || !production) {
    const why =
      run.status !== 0
        ? `npm sbom exited ${run.status ?? run.signal ?? run.error?.message}`
        : 'no package-lock.json';
    const summary = `sbom: ${why}; no ${shown}`;
    const detail = (run.stderr || '').trim().split('\n').slice(-20).join('\n') || why;
    return {
      check: 'sbom',
      passed: false,
      summary,
      cases: [{ name: shown, failure: { message: summary, detail } }],
    };
  }
  const bom = productionOnly(JSON.parse(run.stdout) as CycloneDxBom, production);
  writeFileSync(options.outputFile, JSON.stringify(bom, null, 2) + '\n');
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

/** `name@version` of every installed copy npm does not flag dev-only, from the lock file; undefined without one. */
function productionPackages(cwd: string): Set<string> | undefined {
  const lockFile = join(cwd, 'package-lock.json');
  if (!existsSync(lockFile)) return undefined;
  const { packages = {} } = JSON.parse(readFileSync(lockFile, 'utf8')) as {
    packages?: Record<string, { name?: string; version?: string; dev?: boolean }>;
  };
  const production = new Set<string>();
  for (const [location, entry] of Object.entries(packages)) {
    if (location === '' || entry.dev) continue;
    const name = entry.name ?? location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    production.add(`${name}@${entry.version ?? ''}`);
  }
  return production;
}

/** The BOM without dev-only components (and their dependency entries), timestamp and serial number. */
function productionOnly(bom: CycloneDxBom, production: Set<string>): CycloneDxBom {
  const components = (bom.components ?? []).filter((c) =>
    production.has(`${c.group ? `${c.group}/` : ''}${c.name}@${c.version ?? ''}`),
  );
  const kept = new Set(components.map((c) => c['bom-ref']));
  const root = bom.metadata?.component as { 'bom-ref'?: string } | undefined;
  if (root?.['bom-ref']) kept.add(root['bom-ref']);
  const { serialNumber: _serial, metadata, ...rest } = bom;
  const { timestamp: _timestamp, ...reproducibleMetadata } = metadata ?? {};
  return {
    ...rest,
    metadata: reproducibleMetadata,
    components,
    dependencies: (bom.dependencies ?? [])
      .filter((d) => kept.has(d.ref))
      .map((d) => ({ ...d, dependsOn: (d.dependsOn ?? []).filter((ref) => kept.has(ref)) })),
  };
}
