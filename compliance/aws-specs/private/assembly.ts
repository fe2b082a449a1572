/**
 * The written cloud assembly, indexed: every template with its environment, the exports by account and
 * region, and each resource's physical name and ARN. `resolve` evaluates CloudFormation's intrinsic
 * functions as far as the templates allow, so policies and definitions can be read as AWS will see them:
 * pseudo parameters from the stack's environment, `Fn::ImportValue` through the exporting stack, a
 * resource's `Ref` / `Fn::GetAtt` to its name or ARN (a stand-in where CloudFormation generates it).
 */
import { type CfnResource, type StackTemplate, readCloudAssembly } from './cloud-assembly.js';
import { arnFor, generatedName, literalName, nameProperty, refIsArn } from './physical-names.js';

/** What an intrinsic the templates cannot settle resolves to (e.g. an unknown import). */
export const UNRESOLVED = 'UNRESOLVED';

const PARTITION = 'aws';

export interface CreatedResource {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly resource: CfnResource;
  readonly arn: string;
}

export interface ExportedValue {
  readonly stack: StackTemplate;
  readonly outputId: string;
  readonly value: unknown;
}

export class Assembly {
  readonly stacks: readonly StackTemplate[];
  /** Every export, by `account/region/name`. */
  readonly exports = new Map<string, ExportedValue>();
  private readonly arns = new Map<string, string>();
  private resolving = new Set<string>();

  static read(directory: string): Assembly {
    return new Assembly(readCloudAssembly(directory));
  }

  constructor(stacks: readonly StackTemplate[]) {
    this.stacks = stacks;
    for (const stack of stacks) {
      for (const [outputId, output] of Object.entries(stack.template.Outputs ?? {})) {
        if (output.Export === undefined) continue;
        const name = this.resolve(stack, output.Export.Name);
        if (typeof name === 'string') {
          this.exports.set(exportKey(stack, name), { stack, outputId, value: output.Value });
        }
      }
    }
  }

  /** The accounts the assembly deploys to. */
  accounts(): Set<string> {
    return new Set(this.stacks.map((stack) => stack.account));
  }

  /** Every resource of the assembly whose ARN is known (physical-names.ts), with that ARN. */
  createdResources(): CreatedResource[] {
    const created: CreatedResource[] = [];
    for (const stack of this.stacks) {
      for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
        const arn = this.arnOf(stack, logicalId);
        if (arn) created.push({ stack, logicalId, resource, arn });
      }
    }
    return created;
  }

  /** `arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>` (the id CloudFormation gives it). */
  stackArn(stack: StackTemplate): string {
    return `arn:${PARTITION}:cloudformation:${stack.region}:${stack.account}:stack/${stack.stackName}/00000000-0000-0000-0000-000000000000`;
  }

  nameOf(stack: StackTemplate, logicalId: string): string {
    const resource = stack.template.Resources?.[logicalId];
    if (!resource) return UNRESOLVED;
    const literal = literalName(resource);
    if (literal) return literal;
    const key = `${stack.file}#${logicalId}#name`;
    // A name built from intrinsics (Fn::Join of the stack name…), guarded against a reference cycle.
    const property = nameProperty(resource.Type);
    const built = property ? resource.Properties?.[property] : undefined;
    if (built !== undefined && !this.resolving.has(key)) {
      this.resolving.add(key);
      try {
        const value = this.resolve(stack, built);
        if (typeof value === 'string') return value;
      } finally {
        this.resolving.delete(key);
      }
    }
    return generatedName(stack.stackName, logicalId);
  }

  arnOf(stack: StackTemplate, logicalId: string): string | undefined {
    const key = `${stack.file}#${logicalId}`;
    if (this.arns.has(key)) return this.arns.get(key);
    const resource = stack.template.Resources?.[logicalId];
    const arn = resource
      ? arnFor(resource, this.nameOf(stack, logicalId), { partition: PARTITION, ...stack })
      : undefined;
    if (arn) this.arns.set(key, arn);
    return arn;
  }

  /** The value with every intrinsic function evaluated as far as the assembly allows. */
  resolve(stack: StackTemplate, value: unknown): unknown {
    if (Array.isArray(value)) {
      return value.map((item) => this.resolve(stack, item)).filter((item) => item !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [[key, argument]] = entries as [[string, unknown]];
      if (key === 'Ref' || key.startsWith('Fn::')) return this.intrinsic(stack, key, argument);
    }
    const resolved: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const result = this.resolve(stack, item);
      if (result !== NO_VALUE) resolved[key] = result;
    }
    return resolved;
  }

  private intrinsic(stack: StackTemplate, name: string, argument: unknown): unknown {
    const text = (item: unknown) => {
      const result = this.resolve(stack, item);
      return typeof result === 'string' || typeof result === 'number' ? String(result) : UNRESOLVED;
    };
    switch (name) {
      case 'Ref':
        return typeof argument === 'string' ? this.ref(stack, argument) : UNRESOLVED;
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument)
          ? (argument as string[])
          : String(argument).split(/\.(.*)/s);
        return this.getAtt(stack, String(logicalId), String(attribute));
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown];
        const list = this.resolve(stack, parts);
        return Array.isArray(list) ? list.map((part) => text(part)).join(separator) : UNRESOLVED;
      }
      case 'Fn::Sub': {
        const [template, variables = {}] = Array.isArray(argument) ? argument : [argument];
        return this.sub(stack, String(template), variables as Record<string, unknown>);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [unknown, unknown];
        const items = this.resolve(stack, list);
        return Array.isArray(items) ? (items[Number(this.resolve(stack, index))] ?? UNRESOLVED) : UNRESOLVED;
      }
      case 'Fn::Split': {
        const [separator, source] = argument as [string, unknown];
        return text(source).split(separator);
      }
      case 'Fn::ImportValue':
        return this.importValue(stack, text(argument));
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${stack.region}${zone}`);
      case 'Fn::If': {
        const [, whenTrue] = argument as [string, unknown, unknown];
        return this.resolve(stack, whenTrue);
      }
      case 'Fn::Base64':
        return text(argument);
      case 'Fn::FindInMap': {
        const [map, top, second] = (argument as unknown[]).map((item) => text(item));
        return this.resolve(stack, stack.template.Mappings?.[map!]?.[top!]?.[second!] ?? UNRESOLVED);
      }
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolve(stack, argument));
      default:
        return UNRESOLVED;
    }
  }

  private ref(stack: StackTemplate, name: string): unknown {
    switch (name) {
      case 'AWS::Partition':
        return PARTITION;
      case 'AWS::Region':
        return stack.region;
      case 'AWS::AccountId':
        return stack.account;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stack.stackName;
      case 'AWS::StackId':
        return this.stackArn(stack);
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return [];
    }
    const resource = stack.template.Resources?.[name];
    if (resource) {
      return refIsArn(resource.Type) ? (this.arnOf(stack, name) ?? UNRESOLVED) : this.nameOf(stack, name);
    }
    const parameter = stack.template.Parameters?.[name] as { Default?: unknown } | undefined;
    if (parameter) return parameter.Default ?? `${name}-parameter`;
    return UNRESOLVED;
  }

  private getAtt(stack: StackTemplate, logicalId: string, attribute: string): unknown {
    const resource = stack.template.Resources?.[logicalId];
    if (!resource) return UNRESOLVED;
    if (attribute === 'Arn' || attribute.endsWith('Arn')) {
      if (attribute === 'Arn' || attribute === `${resource.Type.split('::')[2]}Arn`) {
        return this.arnOf(stack, logicalId) ?? `${generatedName(stack.stackName, logicalId)}-arn`;
      }
    }
    if (attribute.endsWith('Name') && attribute === `${resource.Type.split('::')[2]}Name`) {
      return this.nameOf(stack, logicalId);
    }
    if (attribute === 'Id' || attribute === 'KeyId') return this.nameOf(stack, logicalId);
    return `${generatedName(stack.stackName, logicalId)}-${attribute.replace(/\W/g, '-').toLowerCase()}`;
  }

  private sub(stack: StackTemplate, template: string, variables: Record<string, unknown>): string {
    return template.replace(/\$\{([^}]+)\}/g, (_, expression: string) => {
      if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
      if (expression in variables) {
        const value = this.resolve(stack, variables[expression]);
        return typeof value === 'string' || typeof value === 'number' ? String(value) : UNRESOLVED;
      }
      const [name, attribute] = expression.split(/\.(.*)/s) as [string, string | undefined];
      const value = attribute ? this.getAtt(stack, name, attribute) : this.ref(stack, name);
      return typeof value === 'string' || typeof value === 'number' ? String(value) : UNRESOLVED;
    });
  }

  private importValue(stack: StackTemplate, name: string): unknown {
    const exported = this.exports.get(exportKey(stack, name));
    return exported ? this.resolve(exported.stack, exported.value) : UNRESOLVED;
  }
}

/** `AWS::NoValue`: the property is left out. */
const NO_VALUE = Symbol('AWS::NoValue');

function exportKey(stack: StackTemplate, name: string): string {
  return `${stack.account}/${stack.region}/${name}`;
}
