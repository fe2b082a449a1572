/**
 * Every IAM policy document of every kind in a template, where it sits, resolved as far as the
 * assembly allows (assembly.ts): identity policies (roles, users, groups, managed and inline policies),
 * trust policies, resource policies (buckets, topics, queues, secrets, log groups, REST APIs), key
 * policies and VPC endpoint policies. `Lambda::Permission` is a statement in properties, not a
 * document: see `lambdaPermissions`.
 */
import type { Assembly } from './assembly.js';
import type { StackTemplate } from './cloud-assembly.js';

export type PolicyKind = 'identity' | 'trust' | 'resource' | 'key' | 'endpoint';

export interface PolicyDocumentAt {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly type: string;
  /** Path of the document in the resource (`Properties.Policies[0].PolicyDocument`). */
  readonly path: string;
  readonly kind: PolicyKind;
  /** The document with intrinsics resolved. */
  readonly document: PolicyDocument;
  /** The roles, users or groups an identity policy applies to (logical ids), for the simulator. */
  readonly attachedTo: readonly string[];
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: PolicyStatement[] | PolicyStatement;
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** Where documents sit, by resource type: a property path (`*` for every list element) and the kind. */
const LOCATIONS: Readonly<Record<string, readonly { path: string; kind: PolicyKind }[]>> = {
  'AWS::IAM::Role': [
    { path: 'AssumeRolePolicyDocument', kind: 'trust' },
    { path: 'Policies.*.PolicyDocument', kind: 'identity' },
  ],
  'AWS::IAM::User': [{ path: 'Policies.*.PolicyDocument', kind: 'identity' }],
  'AWS::IAM::Group': [{ path: 'Policies.*.PolicyDocument', kind: 'identity' }],
  'AWS::IAM::Policy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::ManagedPolicy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::IAM::RolePolicy': [{ path: 'PolicyDocument', kind: 'identity' }],
  'AWS::S3::BucketPolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::SNS::TopicPolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::SNS::TopicInlinePolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::SQS::QueuePolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::SecretsManager::ResourcePolicy': [{ path: 'ResourcePolicy', kind: 'resource' }],
  'AWS::Logs::ResourcePolicy': [{ path: 'PolicyDocument', kind: 'resource' }],
  'AWS::ApiGateway::RestApi': [{ path: 'Policy', kind: 'resource' }],
  'AWS::KMS::Key': [{ path: 'KeyPolicy', kind: 'key' }],
  'AWS::EC2::VPCEndpoint': [{ path: 'PolicyDocument', kind: 'endpoint' }],
};

export function policyDocuments(assembly: Assembly): PolicyDocumentAt[] {
  const found: PolicyDocumentAt[] = [];
  for (const stack of assembly.stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      const locations = LOCATIONS[resource.Type];
      if (!locations) continue;
      const properties = assembly.resolve(stack, resource.Properties ?? {}) as Record<string, unknown>;
      const attachedTo = attachments(resource.Type, logicalId, resource.Properties ?? {});
      for (const { path, kind } of locations) {
        for (const [at, value] of select(properties, path.split('.'), 'Properties')) {
          const document = typeof value === 'string' ? parseJson(value) : value;
          if (document && typeof document === 'object' && 'Statement' in document) {
            found.push({
              stack,
              logicalId,
              type: resource.Type,
              path: at,
              kind,
              document: document as PolicyDocument,
              attachedTo,
            });
          }
        }
      }
    }
  }
  return found;
}

export function statementsOf(document: PolicyDocument): PolicyStatement[] {
  return [document.Statement].flat();
}

export function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : [value].flat().map(String);
}

function attachments(type: string, logicalId: string, properties: Record<string, unknown>): string[] {
  if (type === 'AWS::IAM::Role' || type === 'AWS::IAM::User' || type === 'AWS::IAM::Group')
    return [logicalId];
  const refs = ['Roles', 'Users', 'Groups'].flatMap((key) => [properties[key] ?? []].flat());
  const single = properties.RoleName ? [properties.RoleName] : [];
  return [...refs, ...single].flatMap((ref) =>
    ref && typeof ref === 'object' && 'Ref' in ref ? [String((ref as { Ref: unknown }).Ref)] : [],
  );
}

function select(value: unknown, path: readonly string[], at: string): [string, unknown][] {
  if (path.length === 0) return [[at, value]];
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '*') {
    return Array.isArray(value) ? value.flatMap((item, index) => select(item, rest, `${at}[${index}]`)) : [];
  }
  if (value && typeof value === 'object' && head in value) {
    return select((value as Record<string, unknown>)[head], rest, `${at}.${head}`);
  }
  return [];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
