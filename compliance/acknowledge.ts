import { Stack, Stage, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { PackName } from './pack-names.js';

/** One reviewed finding that is right as built. */
export interface ReviewedFinding {
  /** The pack that reports it. */
  readonly pack: PackName;
  /** The exact rule id as reported, with cdk-nag's bracketed suffix where it has one (`AwsSolutions-IAM5[Resource::*]`). */
  readonly rule: string;
  /** Why it is right as built: specific enough for a reviewer to check (20 characters or more). */
  readonly reason: string;
}

export const MIN_REASON_LENGTH = 20;

/** The ids this module acknowledged on each construct (libraries acknowledge some rules of their own). */
const madeHere = new WeakMap<IConstruct, string[]>();

/** The qualified ids acknowledged on a construct through `acknowledge`. */
export function acknowledgedHere(construct: IConstruct): readonly string[] {
  return madeHere.get(construct) ?? [];
}

/**
 * Acknowledges one finding on one construct (never a stack, stage or app).
 *
 * The id is qualified with the pack (`AwsSolutions::AwsSolutions-IAM5[Resource::*]`), so aws-cdk-lib
 * matches it, moves the finding to the report's acknowledged list with its reason, and the compliance
 * report can show it. (An unqualified id is silently dropped by cdk-nag itself and never reaches the report.)
 */
export function acknowledge(construct: IConstruct, finding: ReviewedFinding): void {
  if (Stack.isStack(construct) || Stage.isStage(construct)) {
    throw new Error(
      `compliance: ${finding.rule} must be acknowledged on the construct it concerns, not on ${construct.node.path || 'the app'}`,
    );
  }
  if (finding.reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(
      `compliance: the reason for ${finding.rule} at ${construct.node.path} is shorter than ${MIN_REASON_LENGTH} characters`,
    );
  }
  const id = `${finding.pack.replaceAll(' ', '-')}::${finding.rule}`;
  Validations.of(construct).acknowledge({ id, reason: finding.reason.trim() });
  madeHere.set(construct, [...acknowledgedHere(construct), id]);
}
