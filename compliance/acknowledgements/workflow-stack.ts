import { Stack } from 'aws-cdk-lib';
import type { WorkflowStack } from '../../stages/workflow-stack.js';
import { ServiceFunction } from '../../stages/constructs/service-function.js';
import { accept, allOf, at } from './accept-findings.js';
import { acknowledgeOperationalLogGroup } from './log-group.js';
import { acknowledgeServiceFunction } from './service-function.js';

/** Workflow stack: the task-generation state machine and its step functions. */
export function acknowledgeWorkflowStack(stack: WorkflowStack): void {
  const steps = allOf(stack, ServiceFunction);
  for (const fn of steps)
    acknowledgeServiceFunction(fn, {
      synchronousCaller:
        'the task-generation state machine (LambdaInvoke, retried with backoff, failures caught into MarkJobFailed)',
    });

  const rolePolicy = at(stack, 'TaskGenerationStateMachine/Role/DefaultPolicy');
  for (const fn of steps) {
    const logicalId = Stack.of(fn).getLogicalId(fn.node.defaultChild as never);
    accept(
      rolePolicy,
      [['AwsSolutions', `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`]],
      `CDK's LambdaInvoke grant: lambda:InvokeFunction on the ${fn.node.id} ARN and its versions/aliases (ARN:*), one function, not a wildcard over functions.`,
    );
  }
  accept(
    rolePolicy,
    [['AwsSolutions', 'AwsSolutions-IAM5[Resource::*]']],
    'Resource * only for X-Ray PutTraceSegments/GetSamplingRules and the CloudWatch Logs delivery actions (CreateLogDelivery, PutResourcePolicy...) that state-machine logging requires, none of which has resource-level permissions.',
  );
  accept(
    rolePolicy,
    [['NIST.800.53.R5', 'NIST.800.53.R5-IAMNoInlinePolicy']],
    "CDK writes the state machine role's least-privilege statements as a policy attached to that role only; nothing else can attach it.",
  );

  acknowledgeOperationalLogGroup(
    at(stack, 'StateMachineLogGroup'),
    'Execution history logs are kept for operations (a month) to debug failed AI drafts; the year-long audit trail is CloudTrail in the observability stack.',
  );
}
