/**
 * The workflow stack as synthesized: the state machine's shape (steps, Map, Catch), retries with backoff
 * and full jitter, a timeout on every task, logging without execution data, tracing, and IAM scoped to
 * exactly the model and the step functions.
 */
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  definitionFromTemplate,
  localEnv,
  synthesizeWorkflowTemplate,
} from '../../stages/workflow-definition.js';
import { draftActionsMapState, workflowErrors, workflowSteps } from '../../services/workflow/steps.js';
import { buildTestStages } from '../helpers/test-app.js';

type Retrier = {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: string;
};
type State = {
  Type: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  TimeoutSeconds?: number;
  Retry?: Retrier[];
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string }[];
  MaxConcurrency?: number;
  ItemsPath?: string;
  ItemSelector?: Record<string, string>;
  ItemProcessor?: { ProcessorConfig?: { Mode?: string }; StartAt: string; States: Record<string, State> };
};

const modelId = 'anthropic.claude-3-haiku-20240307-v1:0';
let template: Template;
let raw: ReturnType<typeof synthesizeWorkflowTemplate>['template'];
let states: Record<string, State>;
let functionIds: Record<string, string>;

beforeAll(() => {
  raw = synthesizeWorkflowTemplate(modelId).template;
  template = Template.fromJSON(raw);
  const { definition } = definitionFromTemplate(raw);
  states = definition.States as Record<string, State>;
  expect(definition.StartAt).toBe(workflowSteps.startJob.state);
  // Task resources are the step functions' ARNs; map each state to its function's logical id.
  functionIds = Object.fromEntries(
    Object.entries({ ...states, ...states[draftActionsMapState]!.ItemProcessor!.States })
      .filter(([, s]) => s.Type === 'Task')
      .map(([name, s]) => [name, s.Resource!.split(':function:')[1]!]),
  );
});

const modelStates = [workflowSteps.draftSubGoals.state, workflowSteps.draftActions.state];
const databaseStates = [
  workflowSteps.startJob.state,
  workflowSteps.saveDrafts.state,
  workflowSteps.markJobFailed.state,
];
const stateOf = (name: string): State =>
  states[name] ?? states[draftActionsMapState]!.ItemProcessor!.States[name]!;

describe('workflow stack: flow', () => {
  it('runs StartJob → DraftSubGoals → Map(DraftActions) → SaveDrafts → JobSucceeded', () => {
    expect(states.StartJob!.Next).toBe('DraftSubGoals');
    expect(states.DraftSubGoals!.Next).toBe(draftActionsMapState);
    expect(states[draftActionsMapState]!.Next).toBe('SaveDrafts');
    expect(states.SaveDrafts!.Next).toBe('JobSucceeded');
    expect(states.JobSucceeded!.Type).toBe('Succeed');
    expect(states.MarkJobFailed!.Next).toBe('GenerationFailed');
    expect(states.GenerationFailed!.Type).toBe('Fail');
  });

  it('drafts actions in an inline Map over the sub-goals, 8 at a time', () => {
    const map = states[draftActionsMapState]!;
    expect(map.Type).toBe('Map');
    expect(map.MaxConcurrency).toBe(8);
    expect(map.ItemsPath).toBe('$.subGoals');
    expect(map.ItemSelector).toEqual({ 'goal.$': '$.goal', 'subGoal.$': '$$.Map.Item.Value' });
    expect(map.ItemProcessor!.ProcessorConfig?.Mode).toBe('INLINE');
    expect(map.ItemProcessor!.StartAt).toBe('DraftActions');
  });

  it('catches every failure of the main path into MarkJobFailed, keeping the job ids in the state', () => {
    for (const name of ['StartJob', 'DraftSubGoals', draftActionsMapState, 'SaveDrafts']) {
      expect(states[name]!.Catch, name).toEqual([
        { ErrorEquals: ['States.ALL'], Next: 'MarkJobFailed', ResultPath: '$.failure' },
      ]);
    }
    // The failure step itself is not caught (it would loop); its retries cover a flaky database.
    expect(states.MarkJobFailed!.Catch).toBeUndefined();
  });
});

describe('workflow stack: retries and timeouts', () => {
  it('puts a timeout on every task (model steps 60 s, database steps 30 s)', () => {
    for (const name of modelStates) expect(stateOf(name).TimeoutSeconds, name).toBe(60);
    for (const name of databaseStates) expect(stateOf(name).TimeoutSeconds, name).toBe(30);
  });

  it('retries Bedrock throttling and 5xx with exponential backoff and full jitter', () => {
    for (const name of modelStates) {
      const retrier = stateOf(name).Retry!.find((r) => r.ErrorEquals.includes(workflowErrors.modelThrottled));
      expect(retrier, name).toEqual({
        ErrorEquals: [workflowErrors.modelThrottled, workflowErrors.modelUnavailable],
        IntervalSeconds: 2,
        MaxAttempts: 5,
        BackoffRate: 2,
        MaxDelaySeconds: 30,
        JitterStrategy: 'FULL',
      });
    }
  });

  it('asks again after an invalid answer or a model timeout, a bounded number of times', () => {
    for (const name of modelStates) {
      const retry = stateOf(name).Retry!;
      expect(retry.find((r) => r.ErrorEquals.includes(workflowErrors.modelAnswerInvalid))?.MaxAttempts).toBe(
        2,
      );
      expect(retry.find((r) => r.ErrorEquals.includes(workflowErrors.modelTimeout))?.ErrorEquals).toContain(
        'States.Timeout',
      );
    }
  });

  it('retries only transient errors: never a rejected request, a database error or a deleted goal', () => {
    for (const name of [...modelStates, ...databaseStates]) {
      const retried = stateOf(name).Retry!.flatMap((r) => r.ErrorEquals);
      expect(retried).not.toContain('States.ALL');
      expect(retried).not.toContain(workflowErrors.modelRequestRejected);
      expect(retried).not.toContain(workflowErrors.databaseError);
      expect(retried).not.toContain(workflowErrors.goalNotFound);
      expect(stateOf(name).Retry!.every((r) => r.JitterStrategy === 'FULL')).toBe(true);
    }
    for (const name of databaseStates) {
      expect(stateOf(name).Retry!.flatMap((r) => r.ErrorEquals)).toContain(
        workflowErrors.databaseUnavailable,
      );
    }
  });
});

describe('workflow stack: operations', () => {
  it('logs every event without execution data, traces with X-Ray, and bounds the execution', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
    });
    const { definition } = definitionFromTemplate(raw);
    expect(definition.TimeoutSeconds).toBe(900);
  });

  it('runs each step as its own function in the VPC with the Lambda security group', () => {
    for (const step of Object.values(workflowSteps)) {
      const fn = raw.Resources[functionIds[step.state]!]!.Properties!;
      expect(fn.VpcConfig, step.state).toMatchObject({ SecurityGroupIds: [expect.anything()] });
      const env = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
      expect('DB_SECRET_ARN' in env, step.state).toBe(step.usesDatabase);
      expect(env.BEDROCK_MODEL_ID ?? null, step.state).toBe(step.usesModel ? modelId : null);
    }
  });
});

describe('workflow stack: least privilege', () => {
  const arn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
  const modelArn = arn(`:bedrock:${localEnv.region}::foundation-model/${modelId}`);

  const statementsOfRoleOf = (functionLogicalId: string) => {
    const roleId = (raw.Resources[functionLogicalId]!.Properties!.Role as { 'Fn::GetAtt': string[] })[
      'Fn::GetAtt'
    ][0];
    return Object.values(raw.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .filter((r) => (r.Properties!.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
      .flatMap(
        (r) =>
          (r.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] })
            .Statement,
      );
  };

  it('allows bedrock:InvokeModel on exactly the configured model, only to the model steps', () => {
    for (const step of Object.values(workflowSteps)) {
      const bedrock = statementsOfRoleOf(functionIds[step.state]!).filter((s) =>
        [s.Action].flat().some((a) => a.startsWith('bedrock:')),
      );
      if (step.usesModel) {
        expect(bedrock, step.state).toEqual([
          { Action: 'bedrock:InvokeModel', Effect: 'Allow', Resource: modelArn },
        ]);
      } else {
        expect(bedrock, step.state).toEqual([]);
      }
    }
  });

  it('lets only the database steps read the database secret', () => {
    for (const step of Object.values(workflowSteps)) {
      const reads = statementsOfRoleOf(functionIds[step.state]!).some((s) =>
        [s.Action].flat().includes('secretsmanager:GetSecretValue'),
      );
      expect(reads, step.state).toBe(step.usesDatabase);
    }
  });

  it('lets the state machine invoke its own step functions and nothing else', () => {
    const machineRole = (
      Object.values(raw.Resources).find((r) => r.Type === 'AWS::StepFunctions::StateMachine')!.Properties!
        .RoleArn as {
        'Fn::GetAtt': string[];
      }
    )['Fn::GetAtt'][0];
    const statements = Object.values(raw.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .filter((r) => (r.Properties!.Roles as { Ref: string }[]).some((role) => role.Ref === machineRole))
      .flatMap(
        (r) =>
          (r.Properties!.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] })
            .Statement,
      );
    const invoke = statements.filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
    const targets = new Set(
      invoke
        .flatMap((s) => [s.Resource].flat())
        .map((r) => JSON.stringify(r).match(/"(\w+Function\w+)"/)?.[1]),
    );
    expect([...targets].sort()).toEqual(Object.values(functionIds).sort());
    expect(JSON.stringify(invoke)).not.toContain('"*"');
    expect(statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('bedrock:'))).toEqual([]);
  });

  it('scopes a cross-region inference profile to the profile and the model it routes to', () => {
    const profile = Template.fromJSON(
      synthesizeWorkflowTemplate('apac.anthropic.claude-3-haiku-20240307-v1:0').template,
    );
    profile.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 'bedrock:InvokeModel',
            Effect: 'Allow',
            Resource: [
              arn(
                `:bedrock:${localEnv.region}:${localEnv.account}:inference-profile/apac.anthropic.claude-3-haiku-20240307-v1:0`,
              ),
              arn(':bedrock:*::foundation-model/anthropic.claude-3-haiku-20240307-v1:0'),
            ],
          },
        ]),
      },
    });
  });
});

describe('workflow stack in the real stage', () => {
  it('has the same definition the local stack runs, and the model from the stage configuration', () => {
    const stages = buildTestStages();
    const staged = stages.template(stages.staging.workflow).toJSON() as typeof raw;
    expect(definitionFromTemplate(staged).definition).toEqual(definitionFromTemplate(raw).definition);
    const modelIds = Object.values(staged.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map(
        (r) =>
          (r.Properties!.Environment as { Variables: Record<string, string> }).Variables.BEDROCK_MODEL_ID,
      )
      .filter(Boolean);
    expect(modelIds).toEqual([stages.config.staging.bedrockModelId, stages.config.staging.bedrockModelId]);
  });

  it('gives the database steps the application login, never the owner', () => {
    const stages = buildTestStages();
    const { data, workflow } = stages.staging;
    const idOf = (construct: { node: { defaultChild?: unknown } }) =>
      Stack.of(data).getLogicalId(construct.node.defaultChild as never);
    const [ownerId, appId] = [idOf(data.databaseSecret), idOf(data.appDatabaseSecret)];
    const staged = JSON.stringify(stages.template(workflow).toJSON());
    expect(staged).toContain(appId);
    expect(staged).not.toContain(ownerId);
  });
});
