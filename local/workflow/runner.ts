/**
 * Runs the synthesized task-generation definition on this machine with aws-local-stepfunctions: Lambda
 * task states call the same handler modules in process (overrides keyed by state name); everything else
 * (Retry with backoff and jitter, Catch, TimeoutSeconds, the Map's concurrency) is the library's
 * interpretation of the very definition deployed to AWS.
 */
import './polyfills.js';
import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import type { WorkflowDependencies } from '../../services/workflow/dependencies.js';
import type { WorkflowInput } from '../../services/workflow/workflow-state.js';
import type { GeneratedDefinition } from './definition-source.js';
import { stepHandlers, type LocalTaskHandler } from './step-handlers.js';

/** One entry of the library's execution event log (only the fields read here are typed). */
export interface LocalExecutionEvent {
  readonly type: string;
  readonly timestamp: number;
  readonly state?: { readonly name: string };
  readonly index?: number;
}

export interface LocalExecutionResult {
  readonly executionArn: string;
  readonly status: 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  readonly output?: unknown;
  /** Step Functions' `Error` / `Cause` of a failed execution. */
  readonly error?: string;
  readonly cause?: string;
  /** Every event of the execution (Map iterations included), for tests and the benchmark. */
  readonly events: readonly LocalExecutionEvent[];
}

export interface LocalWorkflowRunnerOptions {
  readonly definition: GeneratedDefinition;
  /** The pool and model the step handlers use. */
  readonly dependencies: WorkflowDependencies;
  /**
   * Wait this many milliseconds before every retry instead of the definition's jittered backoff
   * (tests, the benchmark). @default - the definition's own intervals
   */
  readonly retryDelayMs?: number;
  /** Replace some states' handlers (tests only). @default - the workflow's handler modules */
  readonly handlers?: Readonly<Record<string, LocalTaskHandler>>;
}

export interface LocalExecution {
  readonly executionArn: string;
  readonly done: Promise<LocalExecutionResult>;
}

type AnyState = { Type: string; Retry?: unknown[]; ItemProcessor?: { States: Record<string, AnyState> } };

function retryingStates(states: Record<string, AnyState>): string[] {
  return Object.entries(states).flatMap(([name, state]) => [
    ...(state.Retry ? [name] : []),
    ...(state.ItemProcessor ? retryingStates(state.ItemProcessor.States) : []),
  ]);
}

function taskStates(states: Record<string, AnyState>): string[] {
  return Object.entries(states).flatMap(([name, state]) => [
    ...(state.Type === 'Task' ? [name] : []),
    ...(state.ItemProcessor ? taskStates(state.ItemProcessor.States) : []),
  ]);
}

export class LocalWorkflowRunner {
  private readonly machine: StateMachine;
  private readonly handlers: Record<string, LocalTaskHandler>;
  private readonly retryIntervalOverrides?: Record<string, number>;
  private readonly running = new Map<
    string,
    { input: WorkflowInput; abort: () => void; done: Promise<LocalExecutionResult> }
  >();
  private readonly arnPrefix: string;

  constructor(options: LocalWorkflowRunnerOptions) {
    const states = options.definition.definition.States as Record<string, AnyState>;
    this.handlers = { ...stepHandlers(options.dependencies), ...options.handlers };
    const missing = taskStates(states).filter((name) => !this.handlers[name]);
    if (missing.length > 0)
      throw new Error(`local workflow: no local handler for task state(s) ${missing.join(', ')}`);
    this.machine = new StateMachine(options.definition.definition as never);
    if (options.retryDelayMs !== undefined) {
      this.retryIntervalOverrides = Object.fromEntries(
        retryingStates(states).map((name) => [name, options.retryDelayMs!]),
      );
    }
    this.arnPrefix = `arn:aws:states:ap-northeast-1:123456789012:execution:${options.definition.stateMachineLogicalId}:`;
  }

  /** Starts an execution and returns at once (as StartExecution does); `done` settles when it ends. */
  start(input: WorkflowInput, name: string = randomUUID()): LocalExecution {
    const executionArn = this.arnPrefix + name;
    const existing = this.running.get(executionArn);
    if (existing) return { executionArn, done: existing.done };

    // Exactly the execution input `ai/generate` sends, as JSON.
    const { jobId, goalId, userId } = input;
    const execution = this.machine.run(
      { jobId, goalId, userId },
      {
        overrides: {
          taskResourceLocalHandlers: this.handlers as never,
          retryIntervalOverrides: this.retryIntervalOverrides,
        },
        noThrowOnAbort: true,
      },
    );
    const events: LocalExecutionEvent[] = [];
    const collected = (async () => {
      for await (const event of execution.eventLogs) events.push(event as LocalExecutionEvent);
    })();
    const done = execution.result
      .then(
        (output): LocalExecutionResult =>
          output === null
            ? { executionArn, status: 'ABORTED', events }
            : { executionArn, status: 'SUCCEEDED', output, events },
        // ExecutionError wraps what ended the run: a Fail state's Error/Cause, or an uncaught error.
        (error: Error & { cause?: { name?: string; message?: string } }) => ({
          executionArn,
          status: 'FAILED' as const,
          error: error.cause?.name ?? error.name,
          cause: error.cause?.message ?? error.message,
          events,
        }),
      )
      .then(async (result) => {
        await Promise.race([collected, new Promise((resolve) => setTimeout(resolve, 50))]);
        return result;
      })
      .finally(() => this.running.delete(executionArn));
    this.running.set(executionArn, { input: { jobId, goalId, userId }, abort: execution.abort, done });
    return { executionArn, done };
  }

  /** Runs one execution to its end. */
  run(input: WorkflowInput, name?: string): Promise<LocalExecutionResult> {
    return this.start(input, name).done;
  }

  /** Executions still running. */
  get activeExecutions(): number {
    return this.running.size;
  }

  /** Aborts every running execution, waits for them to settle and returns the inputs of those aborted. */
  async stop(): Promise<WorkflowInput[]> {
    const all = [...this.running.values()];
    for (const execution of all) execution.abort();
    const results = await Promise.all(all.map((e) => e.done));
    return all.filter((_, i) => results[i]!.status === 'ABORTED').map((e) => e.input);
  }
}
