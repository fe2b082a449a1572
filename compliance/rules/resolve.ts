import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, Stage, type CfnResource } from 'aws-cdk-lib';

type Template = { Resources?: Record<string, { Properties?: Record<string, unknown> }> };

// One parse per template file as written: every rule reads many resources of the same stack.
const templates = new Map<string, { mtimeMs: number; template: Template }>();

function synthesizedTemplate(stack: Stack): Template {
  const file = join(Stage.of(stack)!.outdir, stack.templateFile);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    throw new Error(
      `compliance: ${stack.node.path} has no synthesized template (${file}); rules run on a synthesized app`,
    );
  }
  const cached = templates.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.template;
  const template = JSON.parse(readFileSync(file, 'utf8')) as Template;
  templates.set(file, { mtimeMs, template });
  return template;
}

/**
 * The resource as CloudFormation will see it (properties, overrides and all), with tokens resolved
 * to literals or intrinsic functions: its entry in the stack's synthesized template (the compliance packs
 * run once the assembly is written). Rules read this rather than L1 fields so that values set
 * through escape hatches (`addPropertyOverride`) are checked too.
 */
export function renderedProperties(node: CfnResource): Record<string, unknown> {
  const stack = Stack.of(node);
  return synthesizedTemplate(stack).Resources?.[stack.getLogicalId(node)]?.Properties ?? {};
}

/** Every string leaf of a rendered value with its dotted path (intrinsic functions included). */
export function* stringLeaves(value: unknown, path = ''): Generator<[path: string, text: string]> {
  if (typeof value === 'string') {
    yield [path, value];
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* stringLeaves(item, `${path}[${index}]`);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* stringLeaves(item, path ? `${path}.${key}` : key);
  }
}

/** `Fn::Join` pieces and literal strings flattened into one text, so a value split by tokens still matches. */
export function flattenedText(value: unknown): string {
  return [...stringLeaves(value)].map(([, text]) => text).join('');
}
