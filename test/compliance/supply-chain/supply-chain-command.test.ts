import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SBOM_FILE,
  SUPPLY_CHAIN_RESULTS_DIRECTORY,
} from '../../../compliance/supply-chain/run-supply-chain.js';
import { PLANTED, gitRepository, plantedFiles } from './planted-secrets.js';

const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const command = join(process.cwd(), 'bin/supply-chain.ts');

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// A project with no dependencies: npm sbom and npm audit answer without a registry.
const emptyProject = {
  'package.json': JSON.stringify({ name: 'planted', version: '1.0.0', private: true }),
  'package-lock.json': JSON.stringify({
    name: 'planted',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'planted', version: '1.0.0' } },
  }),
};

describe('npm run supply-chain', () => {
  it(
    'prints a line per check, fails on a committed secret without printing it, and writes the SBOM and three JUnit files',
    { timeout: 180_000 },
    () => {
      dir = gitRepository({ ...emptyProject, ...plantedFiles() });
      const run = spawnSync(tsx, [command, '--require-audit'], { cwd: dir, encoding: 'utf8' });
      expect(run.status).toBe(1);

      const lines = run.stdout.split('\n').filter((line) => line.startsWith('supply chain '));
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(
        /^supply chain ok {3}sbom: 0 production package version\(s\), CycloneDX 1\.5, in sbom\.cdx\.json$/,
      );
      expect(lines[1]).toMatch(/^supply chain ok {3}audit: 0 advisory\(ies\) in production dependencies/);
      expect(lines[2]).toMatch(
        /^supply chain FAIL secret scan: 4 secret\(s\) in tracked files: .*deploy\.ts:4:/,
      );
      for (const secret of Object.values(PLANTED)) expect(run.stdout + run.stderr).not.toContain(secret);

      expect(JSON.parse(readFileSync(join(dir, SBOM_FILE), 'utf8')).bomFormat).toBe('CycloneDX');
      const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
      const failures = Object.fromEntries(
        ['sbom', 'audit', 'secret-scan'].map((check) => {
          const file = join(dir, SUPPLY_CHAIN_RESULTS_DIRECTORY, `${check}.xml`);
          expect(existsSync(file)).toBe(true);
          return [check, parser.parse(readFileSync(file, 'utf8')).testsuites.failures];
        }),
      );
      expect(failures).toEqual({ sbom: '0', audit: '0', 'secret-scan': '5' });
    },
  );
});
