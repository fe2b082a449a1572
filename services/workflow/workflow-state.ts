/** The data the workflow's steps hand each other (the state machine's state between tasks). */
import type { DraftLanguage } from './language.js';

/** Sub-goals per goal and actions per sub-goal. */
export const SLOTS = 8;

/** What `ai/generate` starts an execution with. */
export interface WorkflowInput {
  readonly jobId: string;
  readonly goalId: string;
  readonly userId: string;
}

export interface GoalSnapshot {
  readonly title: string;
  readonly description: string;
  readonly language: DraftLanguage;
}

/** One sub-goal slot as loaded: its title and its 8 action titles (`""` is an empty slot). */
export interface SubGoalSlot {
  readonly position: number;
  readonly title: string;
  readonly actions: readonly string[];
  /** True when the title is a draft (the slot was empty), so it is written back. */
  readonly drafted?: boolean;
}

/** The state after `StartJob` (and, with drafted sub-goal titles, after `DraftSubGoals`). */
export interface JobState extends WorkflowInput {
  readonly goal: GoalSnapshot;
  readonly subGoals: readonly SubGoalSlot[];
}

/** One Map iteration's input: the goal and one sub-goal. */
export interface ActionDraftInput {
  readonly goal: GoalSnapshot;
  readonly subGoal: SubGoalSlot;
}

/** One Map iteration's output: drafts for that sub-goal's empty action slots only. */
export interface ActionDrafts {
  readonly subGoalPosition: number;
  readonly actions: readonly { readonly position: number; readonly title: string }[];
}

/** `SaveDrafts`' input: the job state plus the Map's results. */
export interface DraftedJobState extends JobState {
  readonly actionDrafts: readonly ActionDrafts[];
}

/** What the failure step receives: the state the failing step started from, plus the caught error. */
export interface FailedJobState extends WorkflowInput {
  readonly failure: { readonly Error: string; readonly Cause?: string };
  /** Present when the failure came after StartJob loaded the goal. */
  readonly goal?: GoalSnapshot;
}
