import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import {
  draftActionsMapState,
  workflowErrors,
  workflowSteps,
  type WorkflowStep,
} from '../services/workflow/steps.js';
import { ServiceFunction } from './constructs/service-function.js';

export interface WorkflowStackProps extends StackProps {
  /** Every step function runs in its function subnets (they reach Bedrock and Secrets Manager). */
  readonly vpc: ec2.IVpc;
  /**
   * The VPC's function subnets (`NetworkStack.functionSubnets`).
   * @default - the VPC's private subnets with egress
   */
  readonly functionSubnets?: ec2.SubnetSelection;
  /** Attached to every step function; the database admits it on 5432. */
  readonly lambdaSecurityGroup: ec2.ISecurityGroup;
  /** Database credentials, read by ARN at run time by the steps that use the database. */
  readonly databaseSecret: secretsmanager.ISecret;
  /** Bedrock model the drafts come from (offered in the stage's region). */
  readonly bedrockModelId: string;
  /**
   * Whole-execution limit; `ai/status` treats a job older than this as failed.
   * @default Duration.minutes(15)
   */
  readonly executionTimeout?: Duration;
}

/** How long one model call may take before the step gives up on it (below the step's own timeout). */
const MODEL_REQUEST_TIMEOUT = Duration.seconds(50);
const MODEL_STEP_TIMEOUT = Duration.seconds(60);
const DATABASE_STEP_TIMEOUT = Duration.seconds(30);

/**
 * The AI task-generation state machine: StartJob (mark running, load the chart) → DraftSubGoals (one
 * model call for the empty sub-goals) → a Map drafting each sub-goal's empty actions in parallel →
 * SaveDrafts (one transaction, only empty cells, job succeeded). Every step's failure is caught by
 * MarkJobFailed, which records a readable reason; nothing is written before SaveDrafts commits.
 */
export class WorkflowStack extends Stack {
  readonly stateMachine: sfn.StateMachine;
  /** The step functions, by state name (for alarms). */
  readonly stepFunctions: Readonly<Record<string, lambda.IFunction>>;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);

    const functions: Record<string, lambda.Function> = {};
    const fn = (step: WorkflowStep): lambda.Function => {
      const created = new ServiceFunction(this, `${step.state}Function`, {
        entry: step.entry,
        serviceName: 'workflow',
        description: `Goal Mandala AI workflow step ${step.state}`,
        vpc: props.vpc,
        vpcSubnets: props.functionSubnets,
        securityGroups: [props.lambdaSecurityGroup],
        timeout: step.usesModel ? MODEL_STEP_TIMEOUT : DATABASE_STEP_TIMEOUT,
        environment: {
          ...(step.usesDatabase ? { DB_SECRET_ARN: props.databaseSecret.secretArn } : {}),
          ...(step.usesModel
            ? {
                BEDROCK_MODEL_ID: props.bedrockModelId,
                BEDROCK_REQUEST_TIMEOUT_MS: String(MODEL_REQUEST_TIMEOUT.toMilliseconds()),
              }
            : {}),
        },
      });
      if (step.usesDatabase) props.databaseSecret.grantRead(created);
      if (step.usesModel) {
        created.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ['bedrock:InvokeModel'],
            resources: bedrockModelArns(this, props.bedrockModelId),
          }),
        );
      }
      functions[step.state] = created;
      return created;
    };

    const markJobFailed = this.task(workflowSteps.markJobFailed, fn(workflowSteps.markJobFailed));
    const failed = new sfn.Fail(this, 'GenerationFailed', {
      error: 'GenerationFailed',
      causePath: sfn.JsonPath.stringAt('$.reason'),
    });
    markJobFailed.next(failed);
    const catchInto = { resultPath: '$.failure' };

    const startJob = this.task(workflowSteps.startJob, fn(workflowSteps.startJob)).addCatch(
      markJobFailed,
      catchInto,
    );
    const draftSubGoals = this.task(workflowSteps.draftSubGoals, fn(workflowSteps.draftSubGoals)).addCatch(
      markJobFailed,
      catchInto,
    );
    const draftActions = this.task(workflowSteps.draftActions, fn(workflowSteps.draftActions));
    const eachSubGoal = new sfn.Map(this, draftActionsMapState, {
      comment: 'Drafts every sub-goal’s empty actions at once (one model call per sub-goal).',
      itemsPath: sfn.JsonPath.stringAt('$.subGoals'),
      itemSelector: {
        goal: sfn.JsonPath.objectAt('$.goal'),
        subGoal: sfn.JsonPath.objectAt('$$.Map.Item.Value'),
      },
      maxConcurrency: 8,
      resultPath: '$.actionDrafts',
    })
      .itemProcessor(draftActions)
      .addCatch(markJobFailed, catchInto);
    const saveDrafts = this.task(workflowSteps.saveDrafts, fn(workflowSteps.saveDrafts)).addCatch(
      markJobFailed,
      catchInto,
    );

    const definition = startJob
      .next(draftSubGoals)
      .next(eachSubGoal)
      .next(saveDrafts)
      .next(new sfn.Succeed(this, 'JobSucceeded'));

    this.stateMachine = new sfn.StateMachine(this, 'TaskGenerationStateMachine', {
      comment: 'Goal Mandala: drafts the empty sub-goals and actions of one goal with Amazon Bedrock',
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      timeout: props.executionTimeout ?? Duration.minutes(15),
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(this, 'StateMachineLogGroup', {
          retention: logs.RetentionDays.ONE_MONTH,
        }),
        level: sfn.LogLevel.ALL,
        // State data holds the user's goal text and the model's drafts: keep it out of the logs.
        includeExecutionData: false,
      },
    });
    this.stepFunctions = functions;
  }

  /**
   * A Lambda task state named after the step, returning the function's payload as the new state, with a
   * timeout and retries (exponential backoff, full jitter) for the errors that are worth another try.
   */
  private task(step: WorkflowStep, handler: lambda.IFunction): tasks.LambdaInvoke {
    const task = new tasks.LambdaInvoke(this, step.state, {
      lambdaFunction: handler,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      taskTimeout: sfn.Timeout.duration(step.usesModel ? MODEL_STEP_TIMEOUT : DATABASE_STEP_TIMEOUT),
    });
    const jitter = { jitterStrategy: sfn.JitterType.FULL, backoffRate: 2 };
    task.addRetry({
      errors: [
        'Lambda.ServiceException',
        'Lambda.AWSLambdaException',
        'Lambda.SdkClientException',
        'Lambda.TooManyRequestsException',
        'Lambda.ClientExecutionTimeoutException',
      ],
      interval: Duration.seconds(2),
      maxAttempts: 3,
      maxDelay: Duration.seconds(20),
      ...jitter,
    });
    if (step.usesModel) {
      task.addRetry({
        errors: [workflowErrors.modelThrottled, workflowErrors.modelUnavailable],
        interval: Duration.seconds(2),
        maxAttempts: 5,
        maxDelay: Duration.seconds(30),
        ...jitter,
      });
      task.addRetry({
        errors: [workflowErrors.modelTimeout, sfn.Errors.TIMEOUT],
        interval: Duration.seconds(2),
        maxAttempts: 1,
        ...jitter,
      });
      task.addRetry({
        errors: [workflowErrors.modelAnswerInvalid],
        interval: Duration.seconds(1),
        maxAttempts: 2,
        ...jitter,
      });
    }
    if (step.usesDatabase) {
      task.addRetry({
        errors: [workflowErrors.databaseUnavailable, sfn.Errors.TIMEOUT],
        interval: Duration.seconds(1),
        maxAttempts: 3,
        maxDelay: Duration.seconds(10),
        ...jitter,
      });
    }
    return task;
  }
}

/**
 * What `bedrock:InvokeModel` is allowed on: the one foundation model, or for a cross-region inference
 * profile id (`apac.…`, `us.…`), the profile plus the model it routes to.
 */
function bedrockModelArns(stack: Stack, modelId: string): string[] {
  const profile = /^(us|eu|apac|jp|au|ca|global)\.(.+)$/.exec(modelId);
  if (!profile) {
    return [
      stack.formatArn({
        service: 'bedrock',
        account: '',
        resource: 'foundation-model',
        resourceName: modelId,
      }),
    ];
  }
  return [
    stack.formatArn({ service: 'bedrock', resource: 'inference-profile', resourceName: modelId }),
    stack.formatArn({
      service: 'bedrock',
      account: '',
      region: '*',
      resource: 'foundation-model',
      resourceName: profile[2],
    }),
  ];
}
