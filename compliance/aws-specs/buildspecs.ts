/**
 * Every CodeBuild project's buildspec (inline, or a file of the assembly CDK Pipelines wrote) parses as
 * YAML (JSON is YAML) into a mapping with a `version` CodeBuild knows (0.1 or 0.2) and `phases` or a
 * batch, the way CodeBuild reads it when the build starts, long after the deploy succeeded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Finding } from './finding.js';
import type { Assembly } from './private/assembly.js';

const VERSIONS = new Set(['0.1', '0.2']);

export function checkBuildspecs(assembly: Assembly, assemblyDirectory: string): Finding[] {
  const findings: Finding[] = [];
  for (const stack of assembly.stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (resource.Type !== 'AWS::CodeBuild::Project') continue;
      const source = assembly.resolve(stack, resource.Properties?.Source ?? {}) as { BuildSpec?: unknown };
      if (source.BuildSpec === undefined) continue; // the buildspec comes from the source repository
      const report = (message: string) =>
        findings.push({
          severity: 'error',
          check: 'buildspec',
          template: stack.file,
          logicalId,
          path: 'Properties.Source.BuildSpec',
          message,
        });
      let text = String(source.BuildSpec);
      const file = join(assemblyDirectory, text);
      if (!text.includes('\n') && /\.ya?ml$/.test(text)) {
        if (!existsSync(file)) {
          report(`names the file ${text}, which is not in the assembly`);
          continue;
        }
        text = readFileSync(file, 'utf8');
      }
      let buildspec: unknown;
      try {
        buildspec = parse(text);
      } catch (error) {
        report(`not YAML: ${(error as Error).message.split('\n')[0]}`);
        continue;
      }
      if (!buildspec || typeof buildspec !== 'object' || Array.isArray(buildspec)) {
        report('not a YAML mapping');
        continue;
      }
      const { version, phases, batch } = buildspec as Record<string, unknown>;
      if (!VERSIONS.has(String(version)))
        report(`version ${JSON.stringify(version)}: CodeBuild takes 0.1 or 0.2`);
      if (phases === undefined && batch === undefined)
        report('no phases (nor batch): the build would run nothing');
    }
  }
  return findings;
}
