/**
 * Every resource against its CloudFormation schema (`@aws-cdk/aws-service-spec`): the type exists; every
 * property name exists at every level the spec types (escape hatches included: they end up in the
 * template like any other property); required properties are present; literal values have the spec's
 * type and are among its allowed values; `DependsOn` and `Condition` name what exists. Values built by
 * intrinsic functions are left to CloudFormation (references.ts checks what they point at); untyped
 * (JSON) properties are not looked into.
 */
import type { PropertyType, ResourceProperties } from '@aws-cdk/service-spec-types';
import type { Finding } from './finding.js';
import type { Assembly } from './private/assembly.js';
import { resourceType, typeDefinition } from './private/service-spec.js';

/** Keys a resource may carry besides its properties. */
const RESOURCE_KEYS = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Metadata',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'UpdatePolicy',
  'CreationPolicy',
]);
const POLICIES = new Set(['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot']);
/** Written by CDK, not a CloudFormation registry type: CloudFormation accepts it as a metadata resource. */
const CDK_METADATA = 'AWS::CDK::Metadata';

export function checkResourceSchemas(assembly: Assembly): Finding[] {
  const findings: Finding[] = [];
  for (const stack of assembly.stacks) {
    const resources = stack.template.Resources ?? {};
    for (const [logicalId, resource] of Object.entries(resources)) {
      const report = (path: string, message: string) =>
        findings.push({
          severity: 'error',
          check: 'resource-schema',
          template: stack.file,
          logicalId,
          path,
          message,
        });
      for (const key of Object.keys(resource)) {
        if (!RESOURCE_KEYS.has(key)) report(key, `"${key}" is not a resource attribute CloudFormation knows`);
      }
      for (const dependency of [resource.DependsOn ?? []].flat()) {
        if (!(String(dependency) in resources))
          report('DependsOn', `"${String(dependency)}" is no resource of this template`);
      }
      if (
        resource.Condition !== undefined &&
        !(String(resource.Condition) in (stack.template.Conditions ?? {}))
      ) {
        report('Condition', `"${String(resource.Condition)}" is no condition of this template`);
      }
      for (const key of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
        const policy = resource[key];
        if (policy !== undefined && !POLICIES.has(String(policy))) {
          report(key, `"${String(policy)}" is not one of ${[...POLICIES].join(', ')}`);
        }
      }
      if (resource.Type === CDK_METADATA || isCustomResource(resource.Type)) continue;
      const spec = resourceType(resource.Type);
      if (!spec) {
        report('Type', `${resource.Type} is not a CloudFormation resource type`);
        continue;
      }
      checkObject(resource.Properties ?? {}, spec.properties, 'Properties', report);
    }
  }
  return findings;
}

function isCustomResource(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

type Report = (path: string, message: string) => void;

function checkObject(
  value: Record<string, unknown>,
  properties: ResourceProperties,
  path: string,
  report: Report,
): void {
  for (const [name, item] of Object.entries(value)) {
    const property = properties[name];
    if (!property) {
      const known = Object.keys(properties);
      const near = known.find((candidate) => editDistance(candidate.toLowerCase(), name.toLowerCase()) <= 2);
      report(
        `${path}.${name}`,
        `unknown property "${name}"${near ? ` (did you mean "${near}"?)` : ''}; the schema has ${known.join(', ') || 'none'}`,
      );
      continue;
    }
    checkValue(item, property.type, `${path}.${name}`, report);
  }
  for (const [name, property] of Object.entries(properties)) {
    if (property.required && !(name in value))
      report(`${path}.${name}`, `required property "${name}" is missing`);
  }
}

/** The errors a value has against a type, without reporting them (for unions). */
function errorsOf(value: unknown, type: PropertyType, path: string): string[][] {
  const errors: string[][] = [];
  checkValue(value, type, path, (where, message) => errors.push([where, message]));
  return errors;
}

function checkValue(value: unknown, type: PropertyType, path: string, report: Report): void {
  if (isIntrinsic(value)) return;
  switch (type.type) {
    case 'json':
    case 'null':
      return;
    case 'string':
    case 'date-time':
      if (typeof value === 'string') {
        if (type.type === 'string' && type.allowedValues?.length && !type.allowedValues.includes(value)) {
          report(path, `"${value}" is not an allowed value: ${type.allowedValues.join(', ')}`);
        }
      } else if (typeof value !== 'number' && typeof value !== 'boolean') {
        report(path, `expected a string, found ${describe(value)}`);
      }
      return;
    case 'number':
    case 'integer': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || Number.isNaN(number)) {
        report(
          path,
          `expected ${type.type === 'integer' ? 'an integer' : 'a number'}, found ${describe(value)}`,
        );
      } else if (type.type === 'integer' && !Number.isInteger(number)) {
        report(path, `expected an integer, found ${number}`);
      } else if (
        type.type === 'integer' &&
        type.allowedValues?.length &&
        !type.allowedValues.includes(number)
      ) {
        report(path, `${number} is not an allowed value: ${type.allowedValues.join(', ')}`);
      }
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') {
        report(path, `expected a boolean, found ${describe(value)}`);
      }
      return;
    case 'tag':
      if (!isObject(value)) report(path, `expected a tag {Key, Value}, found ${describe(value)}`);
      else checkObject(value, TAG_PROPERTIES, path, report);
      return;
    case 'array':
      if (!Array.isArray(value)) report(path, `expected a list, found ${describe(value)}`);
      else value.forEach((item, index) => checkValue(item, type.element, `${path}[${index}]`, report));
      return;
    case 'map':
      if (!isObject(value)) report(path, `expected a map, found ${describe(value)}`);
      else
        for (const [key, item] of Object.entries(value))
          checkValue(item, type.element, `${path}.${key}`, report);
      return;
    case 'ref': {
      if (!isObject(value)) {
        report(path, `expected an object, found ${describe(value)}`);
        return;
      }
      const definition = typeDefinition(type.reference);
      checkObject(value, definition.properties, path, report);
      return;
    }
    case 'union': {
      const attempts = type.types.map((variant) => errorsOf(value, variant, path));
      if (attempts.some((errors) => errors.length === 0)) return;
      const closest = attempts.reduce((best, errors) => (errors.length < best.length ? errors : best));
      for (const [where, message] of closest) report(where!, message!);
      return;
    }
  }
}

const TAG_PROPERTIES: ResourceProperties = {
  Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true },
};

function isIntrinsic(value: unknown): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Levenshtein distance, for the "did you mean" of a misspelt property. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
