/**
 * The access paths the system depends on, simulated by access-paths.ts with the IAM policy simulator over
 * the written assembly. Reviewed like an acknowledgement: a role in one account that another account's
 * role may assume must be listed here, and each listed path must work (and trust no one else).
 *
 * A party is named by its stack's CloudFormation name (a glob) and its construct path below the stack.
 */
export interface Party {
  /** CloudFormation stack name, `*` for any run of characters (`*-Api`). */
  readonly stack: string;
  /** Construct path below the stack (`Edge`'s `ReleasePublisherRole`), as `aws:cdk:path` ends. */
  readonly path: string;
}

export type ExpectedAccessPath =
  | {
      /** `caller` may assume `role` (its policies allow it, the role's trust accepts it) and no other principal of the caller's account may. */
      readonly kind: 'assume-role';
      readonly caller: Party;
      readonly role: Party;
      readonly reason: string;
    }
  | {
      /** CloudWatch may publish every alarm of these stacks to each topic it notifies, and use the topic's key. */
      readonly kind: 'alarms-reach-topics';
      readonly stacks: string;
      readonly reason: string;
    }
  | {
      /** `role` may do `actions` on exactly the stacks matching `stacks` among all the assembly's stacks, and nothing else. */
      readonly kind: 'reads-only-stacks';
      readonly role: Party;
      readonly actions: readonly string[];
      readonly stacks: string;
      readonly reason: string;
    }
  | {
      /** Each function of these stacks may read exactly the secrets of its account that its environment names. */
      readonly kind: 'functions-read-only-their-secrets';
      readonly stacks: string;
      readonly reason: string;
    };

const releaseRunner = (stage: 'Staging' | 'Production'): ExpectedAccessPath => ({
  kind: 'assume-role',
  caller: { stack: 'GoalMandalaPipeline', path: `${stage}ReleaseRunnerRole` },
  role: { stack: `${stage}-Edge`, path: 'ReleasePublisherRole' },
  reason: `the ${stage} frontend release steps publish the candidate and switch the active release in the stage's account`,
});

export const EXPECTED_ACCESS_PATHS: readonly ExpectedAccessPath[] = [
  releaseRunner('Staging'),
  releaseRunner('Production'),
  {
    kind: 'assume-role',
    caller: { stack: 'GoalMandalaPipeline', path: 'ChangeReviewRunnerRole' },
    role: { stack: 'GoalMandalaChangeReviewAccess', path: 'ChangeReviewRole' },
    reason: "the change review reads production's deployed templates before the approval",
  },
  {
    kind: 'reads-only-stacks',
    role: { stack: 'GoalMandalaChangeReviewAccess', path: 'ChangeReviewRole' },
    actions: ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate'],
    stacks: 'Production-*',
    reason: "the review needs the six production stacks' templates, and its role nothing more",
  },
  {
    kind: 'alarms-reach-topics',
    stacks: '*-Observability',
    reason: "each stage's alarms reach the alert e-mail and Slack through its encrypted topic",
  },
  {
    kind: 'alarms-reach-topics',
    stacks: 'GoalMandalaPipeline',
    reason: "the production bake's alarms tell Slack why a release rolled back",
  },
  {
    kind: 'functions-read-only-their-secrets',
    stacks: '*-Api',
    reason: 'an API function reads the database, signing-key and origin secrets it is given, and no other',
  },
];
