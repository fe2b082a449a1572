/**
 * One request through the IAM policy simulator (`@cloud-copilot/iam-simulate`): a principal's identity
 * policies and the resource's policy (trust, key, topic…). Service control policies, permission
 * boundaries and AWS managed policies are not in the assembly and take no part.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument } from './policy-documents.js';

export interface SimulatedRequest {
  /** A role ARN, or a service principal (`cloudwatch.amazonaws.com`). */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly identityPolicies?: readonly PolicyDocument[];
  readonly resourcePolicy?: PolicyDocument;
  readonly context?: Readonly<Record<string, string>>;
}

/** `Allowed`, `ImplicitlyDenied`, `ExplicitlyDenied`, or `error: …` when the simulator refused the request. */
export async function simulate(request: SimulatedRequest): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        contextVariables: { ...request.context },
      },
      identityPolicies: (request.identityPolicies ?? []).map((policy, index) => ({
        name: `policy${index}`,
        policy,
      })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy,
    },
    {},
  );
  if (result.resultType === 'error') return `error: ${JSON.stringify(result.errors).slice(0, 300)}`;
  return result.overallResult;
}
