/**
 * What the templates point at: every `Ref`, `Fn::GetAtt` and `Fn::Sub` names a resource, parameter or
 * pseudo parameter of its own template, and an attribute that resource type has (custom resources may
 * return any); every `Fn::ImportValue` is exported by a stack of the same account and region.
 */
import type { Finding } from './finding.js';
import type { Assembly } from './private/assembly.js';
import type { StackTemplate } from './private/cloud-assembly.js';
import { resourceType } from './private/service-spec.js';

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

const NESTED_TYPES = new Set(['AWS::CloudFormation::Stack', 'AWS::Serverless::Application']);

export function checkReferences(assembly: Assembly): Finding[] {
  const findings: Finding[] = [];
  for (const stack of assembly.stacks) {
    const sections: [string, Record<string, unknown> | undefined][] = [
      ['Resources', stack.template.Resources],
      ['Outputs', stack.template.Outputs],
    ];
    for (const [section, entries] of sections) {
      for (const [logicalId, entry] of Object.entries(entries ?? {})) {
        walk(entry, section === 'Resources' ? '' : 'Outputs', (value, path) => {
          const message = checkIntrinsic(assembly, stack, value);
          if (message) {
            findings.push({
              severity: 'error',
              check: 'reference',
              template: stack.file,
              logicalId,
              path,
              message,
            });
          }
        });
      }
    }
  }
  return findings;
}

function walk(
  value: unknown,
  path: string,
  visit: (value: Record<string, unknown>, path: string) => void,
): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${path}[${index}]`, visit));
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    visit(record, path);
    for (const [key, item] of Object.entries(record)) walk(item, path ? `${path}.${key}` : key, visit);
  }
}

function checkIntrinsic(
  assembly: Assembly,
  stack: StackTemplate,
  value: Record<string, unknown>,
): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys as [string];
  const argument = value[key];
  switch (key) {
    case 'Ref':
      return typeof argument === 'string' ? checkName(stack, argument) : 'Ref takes a name';
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = Array.isArray(argument)
        ? (argument as unknown[])
        : String(argument).split(/\.(.*)/s);
      return typeof attribute === 'string' && typeof logicalId === 'string'
        ? checkAttribute(stack, logicalId, attribute)
        : undefined; // an attribute chosen by an intrinsic: CloudFormation decides
    }
    case 'Fn::Sub': {
      const [template, variables = {}] = Array.isArray(argument) ? argument : [argument];
      if (typeof template !== 'string') return undefined;
      for (const [, expression] of template.matchAll(/\$\{([^}!][^}]*)\}/g)) {
        if (expression! in (variables as Record<string, unknown>)) continue;
        const [name, attribute] = expression!.split(/\.(.*)/s) as [string, string | undefined];
        const problem = attribute ? checkAttribute(stack, name, attribute) : checkName(stack, name);
        if (problem) return `Fn::Sub \${${expression}}: ${problem}`;
      }
      return undefined;
    }
    case 'Fn::ImportValue': {
      const name = assembly.resolve(stack, argument);
      if (typeof name !== 'string') return undefined;
      return assembly.exports.has(`${stack.account}/${stack.region}/${name}`)
        ? undefined
        : `imports "${name}", which no stack of ${stack.account}/${stack.region} in the assembly exports`;
    }
    default:
      return undefined;
  }
}

function checkName(stack: StackTemplate, name: string): string | undefined {
  if (PSEUDO_PARAMETERS.has(name)) return undefined;
  if (name in (stack.template.Resources ?? {}) || name in (stack.template.Parameters ?? {})) return undefined;
  return `"${name}" is no resource, parameter or pseudo parameter of this template`;
}

function checkAttribute(stack: StackTemplate, logicalId: string, attribute: string): string | undefined {
  const resource = stack.template.Resources?.[logicalId];
  if (!resource) return `Fn::GetAtt on "${logicalId}", which is no resource of this template`;
  if (resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource')
    return undefined;
  // A nested stack's or serverless application's outputs are its own template's business.
  if (attribute.startsWith('Outputs.') && NESTED_TYPES.has(resource.Type)) return undefined;
  const spec = resourceType(resource.Type);
  if (!spec) return undefined; // the unknown type itself is reported by resource-schemas.ts
  if (attribute in spec.attributes) return undefined;
  return `${resource.Type} has no attribute "${attribute}"; it has ${Object.keys(spec.attributes).join(', ') || 'none'}`;
}
