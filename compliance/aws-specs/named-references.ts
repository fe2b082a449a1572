/**
 * Names across templates: every ARN a template uses for a role, topic, key, bucket, alarm, secret,
 * state machine, function, trail or stack (in policies, conditions, properties; literal or built from
 * intrinsics and imports) names one that a template of the assembly creates under that name, or one
 * listed in outside-the-assembly.ts (bootstrap, operator-made). A name CDK generated for a reference
 * after the referenced stack's template was written resolves to nothing here. And every alarm a
 * CodePipeline rule waits on is one an assembly template creates in the pipeline's account and region.
 */
import type { Finding } from './finding.js';
import { OUTSIDE_THE_ASSEMBLY } from './outside-the-assembly.js';
import { type Arn, arnMatches, parseArn } from './private/arn.js';
import { type Assembly, UNRESOLVED } from './private/assembly.js';
import type { StackTemplate } from './private/cloud-assembly.js';

/** `service:resource-type` of the ARNs checked: resources a template creates (not ones services create at run time). */
const CHECKED =
  /^(iam:(role|policy)\/|sns:|kms:key\/|s3:|cloudwatch:alarm:|cloudformation:stack\/|secretsmanager:secret:|states:stateMachine:|lambda:function:|cloudtrail:trail\/)/;

export function checkNamedReferences(
  assembly: Assembly,
  outside: readonly { readonly arn: string }[] = OUTSIDE_THE_ASSEMBLY,
): Finding[] {
  const created = [
    ...assembly.createdResources().map(({ arn }) => arn),
    ...assembly.stacks.map((stack) => assembly.stackArn(stack)),
  ];
  const accounts = assembly.accounts();
  const findings: Finding[] = [];
  for (const stack of assembly.stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      const properties = assembly.resolve(stack, resource.Properties ?? {});
      strings(properties, 'Properties', (text, path) => {
        const arn = parseArn(text);
        if (!arn || !isChecked(arn, accounts) || text.includes(UNRESOLVED)) return;
        if (created.some((known) => arnMatches(text, known))) return;
        if (outside.some((external) => arnMatches(external.arn, text) || arnMatches(text, external.arn)))
          return;
        findings.push({
          severity: 'error',
          check: 'reference',
          template: stack.file,
          logicalId,
          path,
          message: `${text} names ${describe(arn)} that no template of the assembly creates under that name (nor is it listed in outside-the-assembly.ts)`,
        });
      });
      if (resource.Type === 'AWS::CodePipeline::Pipeline') {
        findings.push(...pipelineAlarmRules(stack, logicalId, properties, created));
      }
    }
  }
  return findings;
}

function isChecked(arn: Arn, accounts: Set<string>): boolean {
  if (!CHECKED.test(`${arn.service}:${arn.resource}`)) return false;
  // S3 ARNs carry no account; the others are checked in the assembly's own accounts.
  return arn.service === 's3' || accounts.has(arn.account) || arn.account === '*';
}

function describe(arn: Arn): string {
  const kind = arn.resource.split(/[/:]/)[0];
  return arn.service === 's3'
    ? 'a bucket'
    : `a ${arn.service} ${kind}${arn.account ? ` of account ${arn.account}` : ''}`;
}

function pipelineAlarmRules(
  stack: StackTemplate,
  logicalId: string,
  properties: unknown,
  created: readonly string[],
): Finding[] {
  const findings: Finding[] = [];
  const stages = ((properties as { Stages?: unknown[] }).Stages ?? []) as Record<string, unknown>[];
  stages.forEach((stage, stageIndex) => {
    for (const when of ['BeforeEntry', 'OnSuccess', 'OnFailure']) {
      const conditions = ((stage[when] as { Conditions?: unknown[] } | undefined)?.Conditions ?? []) as {
        Rules?: { RuleTypeId?: { Provider?: string }; Configuration?: { AlarmName?: string } }[];
      }[];
      conditions.forEach((condition, conditionIndex) =>
        (condition.Rules ?? []).forEach((rule, ruleIndex) => {
          const name = rule.Configuration?.AlarmName;
          if (rule.RuleTypeId?.Provider !== 'CloudWatchAlarm' || typeof name !== 'string') return;
          const arn = `arn:aws:cloudwatch:${stack.region}:${stack.account}:alarm:${name}`;
          if (created.includes(arn)) return;
          findings.push({
            severity: 'error',
            check: 'reference',
            template: stack.file,
            logicalId,
            path: `Properties.Stages[${stageIndex}].${when}.Conditions[${conditionIndex}].Rules[${ruleIndex}].Configuration.AlarmName`,
            message: `waits on alarm "${name}", which no template creates in ${stack.account}/${stack.region}`,
          });
        }),
      );
    }
  });
  return findings;
}

function strings(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => strings(item, `${path}[${index}]`, visit));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) strings(item, `${path}.${key}`, visit);
  }
}
