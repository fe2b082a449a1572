/**
 * The AWS specification gate over a written cloud assembly: each checker of this folder on every
 * template of every stage and the pipeline, then the accepted warnings (acknowledgements.ts) set aside.
 * What remains fails the gate.
 */
import { checkAccessPaths } from './access-paths.js';
import { ACCEPTED_WARNINGS, type AcceptedWarning } from './acknowledgements.js';
import { checkBuildspecs } from './buildspecs.js';
import { checkCloudFrontFunctions } from './cloudfront-functions.js';
import type { Finding } from './finding.js';
import { checkIamPolicies } from './iam-policies.js';
import { checkNamedReferences } from './named-references.js';
import { Assembly } from './private/assembly.js';
import { checkReferences } from './references.js';
import { checkResourceSchemas } from './resource-schemas.js';
import { checkStateMachines } from './state-machines.js';

export interface GateResult {
  /** Templates checked. */
  readonly templates: number;
  readonly resources: number;
  /** What fails the gate: errors, unaccepted warnings, stale acknowledgements. */
  readonly failures: readonly Finding[];
  /** Warnings set aside by an acknowledgement, with its reason. */
  readonly accepted: readonly { readonly finding: Finding; readonly reason: string }[];
}

export async function validateAssembly(
  directory: string,
  acknowledgements: readonly AcceptedWarning[] = ACCEPTED_WARNINGS,
): Promise<GateResult> {
  const assembly = Assembly.read(directory);
  const findings = [
    ...checkResourceSchemas(assembly),
    ...checkReferences(assembly),
    ...(await checkIamPolicies(assembly)),
    ...checkNamedReferences(assembly),
    ...(await checkAccessPaths(assembly)),
    ...checkStateMachines(assembly),
    ...checkBuildspecs(assembly, directory),
    ...checkCloudFrontFunctions(assembly),
  ];
  const failures: Finding[] = [];
  const accepted: { finding: Finding; reason: string }[] = [];
  const used = new Set<AcceptedWarning>();
  for (const finding of findings) {
    const acknowledgement =
      finding.severity === 'warning'
        ? acknowledgements.find((candidate) => covers(candidate, finding))
        : undefined;
    if (acknowledgement) {
      used.add(acknowledgement);
      accepted.push({ finding, reason: acknowledgement.reason });
    } else {
      failures.push(finding);
    }
  }
  for (const acknowledgement of acknowledgements.filter((candidate) => !used.has(candidate))) {
    failures.push({
      severity: 'error',
      check: acknowledgement.check,
      template: acknowledgement.template,
      logicalId: acknowledgement.logicalId,
      message: `acknowledgements.ts accepts "${acknowledgement.message}", which no longer occurs: remove it`,
    });
  }
  return {
    templates: assembly.stacks.length,
    resources: assembly.stacks.reduce(
      (sum, stack) => sum + Object.keys(stack.template.Resources ?? {}).length,
      0,
    ),
    failures,
    accepted,
  };
}

function covers(acknowledgement: AcceptedWarning, finding: Finding): boolean {
  const template = new RegExp(
    `^${acknowledgement.template.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`,
  );
  return (
    acknowledgement.check === finding.check &&
    acknowledgement.logicalId === finding.logicalId &&
    template.test(finding.template) &&
    finding.message.includes(acknowledgement.message)
  );
}
