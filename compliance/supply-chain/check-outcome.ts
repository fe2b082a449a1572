/** The supply-chain checks, by the name their JUnit file and log line carry. */
export type CheckName = 'sbom' | 'audit' | 'secret-scan';

/** One test case of a check's JUnit result. */
export interface CheckCase {
  /** What was checked (an advisory, a file and line, the SBOM). */
  readonly name: string;
  /** Set when this case fails the build: a one-line message and the detail a reader needs to act. */
  readonly failure?: { readonly message: string; readonly detail: string };
  /** Set when this case is deliberately not held against the build (an acknowledged advisory, an audit not run). */
  readonly skipped?: string;
}

/** What one supply-chain check found: its verdict, its log line and its JUnit cases. */
export interface CheckOutcome {
  readonly check: CheckName;
  /** False fails the build. */
  readonly passed: boolean;
  /** The one line the build's log shows for this check. */
  readonly summary: string;
  readonly cases: readonly CheckCase[];
}
