import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requiredBootstrapVersion } from '../../../pipeline/doctor/required-bootstrap-version.js';
import { tempDir } from '../../helpers/temp-dir.js';

function manifest(dir: string, artifacts: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '48.0.0', artifacts }));
}

describe('the bootstrap version the stacks need', () => {
  it('is the highest any stack of the assembly requires, nested stage assemblies included', () => {
    const root = tempDir('gm-assembly-');
    manifest(root, {
      GoalMandalaPipeline: {
        type: 'aws:cloudformation:stack',
        properties: { requiresBootstrapStackVersion: 6 },
      },
      'assembly-GoalMandalaPipeline-Production': {
        type: 'cdk:cloud-assembly',
        properties: { directoryName: 'assembly-GoalMandalaPipeline-Production' },
      },
    });
    manifest(join(root, 'assembly-GoalMandalaPipeline-Production'), {
      'Production-Api': {
        type: 'aws:cloudformation:stack',
        properties: { requiresBootstrapStackVersion: 22 },
      },
    });
    expect(requiredBootstrapVersion(root)).toEqual({ version: 22, from: `the cloud assembly in ${root}` });
  });

  it("falls back to aws-cdk-lib's minimum, saying so, when nothing is synthesized", () => {
    const empty = tempDir('gm-assembly-');
    expect(requiredBootstrapVersion(empty)).toEqual({
      version: 6,
      from: `aws-cdk-lib's minimum (no cloud assembly in ${empty})`,
    });
  });
});
