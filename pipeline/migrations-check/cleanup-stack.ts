/**
 * What a run must undo (REF's stack, the scratch database, REF's worktree, temporary files), newest first:
 * by the run itself when it ends, or by Ctrl-C (bin/migrations-check.ts), so nothing outlives the check.
 */
export class CleanupStack {
  private readonly steps: Array<() => Promise<void>> = [];

  push(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  /** How many steps are registered: `unwindTo` it later to undo only what came after. */
  mark(): number {
    return this.steps.length;
  }

  /** Runs the steps registered after `mark`, newest first; a failing step does not stop the others. */
  async unwindTo(mark: number): Promise<void> {
    while (this.steps.length > mark) await this.steps.pop()!().catch(() => undefined);
  }
}
