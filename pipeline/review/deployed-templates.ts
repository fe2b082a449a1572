/**
 * The templates deployed today, as files: one JSON file per stack named like the assembly's
 * `<artifact id>.template.json`, holding what CloudFormation's GetTemplate returns. No file: the
 * stack is not deployed yet (everything in it is new).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StageStack } from './stage-assembly.js';

/** A deployed template that is not a JSON object; names the file. */
export class DeployedTemplateError extends Error {
  override readonly name = 'DeployedTemplateError';
}

/** The deployed template of `stack` in `deployedDir`, or undefined when the stack is not deployed. */
export function readDeployedTemplate(
  deployedDir: string,
  stack: StageStack,
): Record<string, unknown> | undefined {
  const file = join(deployedDir, stack.templateFileName);
  if (!existsSync(file)) return undefined;
  let template: unknown;
  try {
    template = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DeployedTemplateError(`${file}: not JSON (${(error as Error).message})`);
  }
  if (template === null || typeof template !== 'object' || Array.isArray(template)) {
    throw new DeployedTemplateError(`${file}: not a CloudFormation template (expected a JSON object)`);
  }
  return template as Record<string, unknown>;
}
