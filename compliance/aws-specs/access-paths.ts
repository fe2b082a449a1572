/**
 * The access paths the system depends on (expected-access-paths.ts), simulated over the written assembly
 * with the IAM policy simulator: each listed role assumption works and admits no other principal of the
 * caller's account; every role another account's role may assume is listed; CloudWatch can publish each
 * alarm to its topics and use their keys; the change review role reads exactly the production stacks;
 * each API function reads exactly the secrets it uses. Generated names are stand-ins (assembly.ts).
 */
import { expandIamActions } from '@cloud-copilot/iam-expand';
import { EXPECTED_ACCESS_PATHS, type ExpectedAccessPath, type Party } from './expected-access-paths.js';
import type { Finding } from './finding.js';
import { arnMatches, parseArn } from './private/arn.js';
import type { Assembly } from './private/assembly.js';
import type { CfnResource, StackTemplate } from './private/cloud-assembly.js';
import { type PolicyDocument, listOf, policyDocuments, statementsOf } from './private/policy-documents.js';
import { simulate } from './private/simulate.js';

interface Located {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly resource: CfnResource;
}

export async function checkAccessPaths(
  assembly: Assembly,
  expected: readonly ExpectedAccessPath[] = EXPECTED_ACCESS_PATHS,
): Promise<Finding[]> {
  const paths = new AccessPaths(assembly);
  const findings: Finding[] = [];
  for (const path of expected) {
    switch (path.kind) {
      case 'assume-role':
        findings.push(...(await paths.assumeRole(path.caller, path.role)));
        break;
      case 'alarms-reach-topics':
        findings.push(...(await paths.alarmsReachTopics(path.stacks)));
        break;
      case 'reads-only-stacks':
        findings.push(...(await paths.readsOnlyStacks(path.role, path.actions, path.stacks)));
        break;
      case 'functions-read-only-their-secrets':
        findings.push(...(await paths.functionsReadOnlyTheirSecrets(path.stacks)));
        break;
    }
  }
  findings.push(...paths.unlistedCrossAccountAssumptions(expected));
  return findings;
}

class AccessPaths {
  private readonly documents;

  constructor(private readonly assembly: Assembly) {
    this.documents = policyDocuments(assembly);
  }

  async assumeRole(callerParty: Party, roleParty: Party): Promise<Finding[]> {
    const caller = this.find(callerParty);
    const role = this.find(roleParty);
    if (!caller || !role) return [this.missing(caller ? roleParty : callerParty)];
    const callerArn = this.assembly.arnOf(caller.stack, caller.logicalId)!;
    const roleArn = this.assembly.arnOf(role.stack, role.logicalId)!;
    const trust = this.document(role, 'trust');
    const findings: Finding[] = [];
    const result = await simulate({
      principal: callerArn,
      action: 'sts:AssumeRole',
      resource: roleArn,
      resourceAccount: role.stack.account,
      identityPolicies: this.identityPolicies(caller),
      resourcePolicy: trust,
      context: { 'aws:PrincipalArn': callerArn, 'aws:PrincipalAccount': caller.stack.account },
    });
    if (result !== 'Allowed') {
      findings.push(
        this.finding(
          caller,
          `may not assume ${roleArn} (${describeParty(roleParty)}): ${result}; its policies must allow sts:AssumeRole on it and the role's trust policy must accept it`,
        ),
      );
    }
    // Anyone else of the caller's account, however broad its own policies: the trust must refuse it.
    const stranger = `arn:aws:iam::${caller.stack.account}:role/another-role-of-the-account`;
    const other = await simulate({
      principal: stranger,
      action: 'sts:AssumeRole',
      resource: roleArn,
      resourceAccount: role.stack.account,
      identityPolicies: [
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] },
      ],
      resourcePolicy: trust,
      context: { 'aws:PrincipalArn': stranger, 'aws:PrincipalAccount': caller.stack.account },
    });
    if (other === 'Allowed') {
      findings.push(
        this.finding(
          role,
          `trust policy admits any role of account ${caller.stack.account}, not only ${callerArn}: hold it with a condition on aws:PrincipalArn`,
          'AssumeRolePolicyDocument',
        ),
      );
    }
    return findings;
  }

  async alarmsReachTopics(stacks: string): Promise<Finding[]> {
    const findings: Finding[] = [];
    const created = this.assembly.createdResources();
    // Each topic once, for the first alarm notifying it: the policies do not tell one alarm from another.
    const notified = new Map<string, Located>();
    for (const alarm of this.resources('AWS::CloudWatch::Alarm', stacks)) {
      const properties = this.assembly.resolve(alarm.stack, alarm.resource.Properties ?? {}) as Record<
        string,
        unknown
      >;
      for (const key of ['AlarmActions', 'OKActions', 'InsufficientDataActions']) {
        for (const arn of listOf(properties[key] as string[])) {
          if (parseArn(arn)?.service === 'sns' && !notified.has(arn)) notified.set(arn, alarm);
        }
      }
    }
    for (const [topicArn, alarm] of notified) {
      const topic = created.find((resource) => resource.arn === topicArn);
      if (!topic) continue; // named-references.ts reports a topic no template creates
      const alarmArn = this.assembly.arnOf(alarm.stack, alarm.logicalId)!;
      const context = { 'aws:SourceAccount': alarm.stack.account, 'aws:SourceArn': alarmArn };
      const publish = await simulate({
        principal: 'cloudwatch.amazonaws.com',
        action: 'sns:Publish',
        resource: topicArn,
        resourceAccount: topic.stack.account,
        resourcePolicy: this.topicPolicy(topic),
        context,
      });
      if (publish !== 'Allowed') {
        findings.push(
          this.finding(
            topic,
            `CloudWatch may not publish the alarms of ${alarm.stack.stackName} (${alarm.logicalId}…) to this topic: ${publish}; a topic policy replaces SNS's default one and must allow cloudwatch.amazonaws.com sns:Publish (with aws:SourceAccount)`,
          ),
        );
      }
      const keyId = this.assembly.resolve(topic.stack, topic.resource.Properties?.KmsMasterKeyId);
      if (typeof keyId !== 'string') continue;
      const key = created.find(
        (resource) =>
          resource.resource.Type === 'AWS::KMS::Key' &&
          (resource.arn === keyId || resource.arn.endsWith(`/${keyId}`)),
      );
      if (!key) {
        findings.push(
          this.finding(
            topic,
            `is encrypted with ${keyId}, which is no customer key of the assembly: CloudWatch cannot use an AWS managed key`,
            'Properties.KmsMasterKeyId',
          ),
        );
        continue;
      }
      for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
        const result = await simulate({
          principal: 'cloudwatch.amazonaws.com',
          action,
          resource: key.arn,
          resourceAccount: key.stack.account,
          resourcePolicy: this.document(key, 'key'),
          context: { ...context, 'kms:ViaService': `sns.${key.stack.region}.amazonaws.com` },
        });
        if (result !== 'Allowed') {
          findings.push(
            this.finding(
              key,
              `CloudWatch may not ${action} with this key, which encrypts topic ${topicArn}: ${result}; the key policy must allow cloudwatch.amazonaws.com`,
              'Properties.KeyPolicy',
            ),
          );
        }
      }
    }
    return findings;
  }

  async readsOnlyStacks(roleParty: Party, actions: readonly string[], stacks: string): Promise<Finding[]> {
    const role = this.find(roleParty);
    if (!role) return [this.missing(roleParty)];
    const roleArn = this.assembly.arnOf(role.stack, role.logicalId)!;
    const identityPolicies = this.identityPolicies(role);
    const findings: Finding[] = [];
    for (const stack of this.assembly.stacks) {
      const expected = glob(stacks).test(stack.stackName);
      for (const action of actions) {
        const result = await simulate({
          principal: roleArn,
          action,
          resource: this.assembly.stackArn(stack),
          resourceAccount: stack.account,
          identityPolicies,
          context: { 'aws:PrincipalArn': roleArn, 'aws:PrincipalAccount': role.stack.account },
        });
        if ((result === 'Allowed') !== expected) {
          findings.push(
            this.finding(
              role,
              `${expected ? 'may not' : 'may'} ${action} on stack ${stack.stackName} (${result}); expected exactly the stacks ${stacks}`,
            ),
          );
        }
      }
    }
    const granted = new Set<string>();
    for (const document of identityPolicies) {
      for (const statement of statementsOf(document)) {
        if (statement.Effect !== 'Allow') continue;
        if (statement.NotAction) granted.add(`NotAction ${listOf(statement.NotAction).join(',')}`);
        for (const action of listOf(statement.Action)) {
          for (const expanded of action === '*' ? ['*'] : await expandIamActions(action))
            granted.add(expanded);
        }
      }
    }
    const allowed = new Set(actions.map((action) => action.toLowerCase()));
    const extra = [...granted].filter((action) => !allowed.has(action.toLowerCase()));
    if (extra.length > 0)
      findings.push(this.finding(role, `grants ${extra.join(', ')} besides ${actions.join(', ')}`));
    return findings;
  }

  async functionsReadOnlyTheirSecrets(stacks: string): Promise<Finding[]> {
    const findings: Finding[] = [];
    const created = this.assembly.createdResources();
    for (const fn of this.resources('AWS::Lambda::Function', stacks)) {
      const properties = this.assembly.resolve(fn.stack, fn.resource.Properties ?? {}) as {
        Role?: string;
        Environment?: { Variables?: Record<string, unknown> };
      };
      const role = created.find((resource) => resource.arn === properties.Role);
      if (!role) continue;
      const roleArn = role.arn;
      const identityPolicies = this.identityPolicies(role);
      const environment = Object.values(properties.Environment?.Variables ?? {}).map(String);
      const secrets = created.filter(
        (resource) =>
          resource.resource.Type === 'AWS::SecretsManager::Secret' &&
          resource.stack.account === fn.stack.account,
      );
      for (const secret of secrets) {
        const name = this.assembly.nameOf(secret.stack, secret.logicalId);
        const uses = environment.some((value) => value === secret.arn || value === name);
        const result = await simulate({
          principal: roleArn,
          action: 'secretsmanager:GetSecretValue',
          resource: secret.arn,
          resourceAccount: secret.stack.account,
          identityPolicies,
          resourcePolicy: this.secretPolicy(secret),
          context: { 'aws:PrincipalArn': roleArn, 'aws:PrincipalAccount': role.stack.account },
        });
        if (result === 'Allowed' && !uses) {
          findings.push(
            this.finding(
              fn,
              `can read secret ${secret.arn} (${secret.logicalId}), which its environment does not name: it does not use it`,
            ),
          );
        } else if (result !== 'Allowed' && uses) {
          findings.push(
            this.finding(
              fn,
              `uses secret ${secret.arn} (${secret.logicalId}) but may not read it: ${result}`,
            ),
          );
        }
      }
    }
    return findings;
  }

  /** Every role one account's policies let assume a role the assembly creates in another account must be listed. */
  unlistedCrossAccountAssumptions(expected: readonly ExpectedAccessPath[]): Finding[] {
    const listed = expected.flatMap((path) =>
      path.kind === 'assume-role' ? [[this.find(path.caller), this.find(path.role)] as const] : [],
    );
    const roles = this.assembly
      .createdResources()
      .filter((resource) => resource.resource.Type === 'AWS::IAM::Role');
    const findings: Finding[] = [];
    for (const document of this.documents.filter((at) => at.kind === 'identity')) {
      for (const statement of statementsOf(document.document)) {
        if (
          statement.Effect !== 'Allow' ||
          !listOf(statement.Action).some((action) => arnMatches(action.toLowerCase(), 'sts:assumerole'))
        )
          continue;
        for (const pattern of listOf(statement.Resource)) {
          for (const target of roles.filter(
            (role) => role.stack.account !== document.stack.account && arnMatches(pattern, role.arn),
          )) {
            for (const callerId of document.attachedTo) {
              const isListed = listed.some(
                ([caller, role]) =>
                  caller?.stack === document.stack &&
                  caller.logicalId === callerId &&
                  role?.stack === target.stack &&
                  role.logicalId === target.logicalId,
              );
              if (!isListed) {
                findings.push({
                  severity: 'error',
                  check: 'access-path',
                  template: document.stack.file,
                  logicalId: callerId,
                  path: document.path,
                  message: `may assume ${target.arn} in account ${target.stack.account}, a path not listed in expected-access-paths.ts`,
                });
              }
            }
          }
        }
      }
    }
    return findings;
  }

  private find(party: Party): Located | undefined {
    const stackName = glob(party.stack);
    for (const stack of this.assembly.stacks.filter((candidate) => stackName.test(candidate.stackName))) {
      for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
        const path = String(resource.Metadata?.['aws:cdk:path'] ?? '');
        if (
          path === `${stack.displayName}/${party.path}/Resource` ||
          path === `${stack.displayName}/${party.path}`
        ) {
          return { stack, logicalId, resource };
        }
      }
    }
    return undefined;
  }

  private resources(type: string, stacks: string): Located[] {
    const stackName = glob(stacks);
    return this.assembly.stacks
      .filter((stack) => stackName.test(stack.stackName))
      .flatMap((stack) =>
        Object.entries(stack.template.Resources ?? {})
          .filter(([, resource]) => resource.Type === type)
          .map(([logicalId, resource]) => ({ stack, logicalId, resource })),
      );
  }

  /** The identity policies of a role: its inline policies and every policy attached to it by Ref. */
  private identityPolicies(role: Located): PolicyDocument[] {
    return this.documents
      .filter(
        (at) => at.kind === 'identity' && at.stack === role.stack && at.attachedTo.includes(role.logicalId),
      )
      .map((at) => at.document);
  }

  private document(resource: Located, kind: 'trust' | 'key'): PolicyDocument | undefined {
    return this.documents.find(
      (at) => at.stack === resource.stack && at.logicalId === resource.logicalId && at.kind === kind,
    )?.document;
  }

  /** The topic's policy, or SNS's default one (the owner account's principals) when it has none. */
  private topicPolicy(topic: Located): PolicyDocument {
    const policy = this.documents.find(
      (at) =>
        at.stack === topic.stack &&
        at.type === 'AWS::SNS::TopicPolicy' &&
        JSON.stringify(topic.stack.template.Resources?.[at.logicalId]?.Properties?.Topics ?? []).includes(
          `"${topic.logicalId}"`,
        ),
    );
    return (
      policy?.document ?? {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'sns:Publish',
            Resource: this.assembly.arnOf(topic.stack, topic.logicalId),
            Condition: { StringEquals: { 'aws:SourceOwner': topic.stack.account } },
          },
        ],
      }
    );
  }

  private secretPolicy(secret: Located): PolicyDocument | undefined {
    return this.documents.find(
      (at) =>
        at.stack === secret.stack &&
        at.type === 'AWS::SecretsManager::ResourcePolicy' &&
        JSON.stringify(secret.stack.template.Resources?.[at.logicalId]?.Properties?.SecretId ?? '').includes(
          `"${secret.logicalId}"`,
        ),
    )?.document;
  }

  private finding(at: Located, message: string, path?: string): Finding {
    return {
      severity: 'error',
      check: 'access-path',
      template: at.stack.file,
      logicalId: at.logicalId,
      path,
      message,
    };
  }

  private missing(party: Party): Finding {
    return {
      severity: 'error',
      check: 'access-path',
      template: party.stack,
      message: `expected-access-paths.ts names ${describeParty(party)}, which is not in the assembly`,
    };
  }
}

function describeParty(party: Party): string {
  return `${party.stack} › ${party.path}`;
}

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '.*')}$`);
}
