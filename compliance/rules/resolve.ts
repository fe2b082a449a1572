import { Stack, type CfnResource } from 'aws-cdk-lib';

/**
 * The resource as CloudFormation will see it (properties, overrides and all), with tokens resolved
 * to literals or intrinsic functions. Rules read this rather than L1 fields so that values set
 * through escape hatches (`addPropertyOverride`) are checked too.
 */
export function renderedProperties(node: CfnResource): Record<string, unknown> {
  const template = (node as unknown as { _toCloudFormation(): unknown })._toCloudFormation();
  const { Resources: resources } = Stack.of(node).resolve(template) as {
    Resources: Record<string, { Properties?: Record<string, unknown> }>;
  };
  return Object.values(resources)[0]?.Properties ?? {};
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
