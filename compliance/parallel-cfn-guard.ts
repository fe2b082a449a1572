import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from 'aws-cdk-lib';
import { CfnGuardValidator, type CfnGuardValidatorProps } from '@cdklabs/cdk-validator-cfnguard';
import {
  type GuardRuleFile,
  indexGuardRules,
  rulesForTypes,
  templateResourceTypes,
} from './guard-rule-selection.js';

const pluginModule = createRequire(import.meta.url).resolve('@cdklabs/cdk-validator-cfnguard');
/** The Control Tower rules the validator loads by default (its `controlTowerRulesEnabled`). */
const controlTowerRulesPath = join(dirname(pluginModule), '..', 'rules', 'control-tower', 'cfn-guard');

/**
 * Runs in each worker thread: the unmodified CfnGuardValidator over one share of the templates, each
 * template with the rule files that can apply to it (see guard-rule-selection.ts).
 * Plain CommonJS (an eval worker), so the thread starts without the TypeScript loader.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { port, done, pluginModule, props, jobs } = workerData;
let message;
try {
  const { CfnGuardValidator } = require(pluginModule);
  const report = { success: true, violations: [] };
  for (const { templatePath, rules } of jobs) {
    if (rules.length === 0) continue;
    const validator = new CfnGuardValidator({ ...props, controlTowerRulesEnabled: false, rules });
    const part = validator.validate({ templatePaths: [templatePath] });
    report.success = report.success && part.success;
    report.violations.push(...part.violations);
  }
  message = { report };
} catch (error) {
  message = { error: error instanceof Error ? error.message : String(error) };
} finally {
  port.postMessage(message ?? { error: 'cfn-guard worker ended without a result' });
  port.close();
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
`;

type WorkerMessage = { report: PolicyValidationPluginReport } | { error: string };

/** Splits templates into at most `shares` groups of similar total size (largest first), keeping each group in input order. */
export function shareTemplates(templatePaths: readonly string[], shares: number): string[][] {
  const groups = Array.from({ length: Math.max(1, Math.min(shares, templatePaths.length)) }, () => ({
    bytes: 0,
    indexes: [] as number[],
  }));
  const bySize = templatePaths
    .map((path, index) => ({ index, bytes: statSync(path).size }))
    .sort((a, b) => b.bytes - a.bytes || a.index - b.index);
  for (const { index, bytes } of bySize) {
    const lightest = groups.reduce((min, group) => (group.bytes < min.bytes ? group : min));
    lightest.bytes += bytes;
    lightest.indexes.push(index);
  }
  return groups
    .filter((group) => group.indexes.length > 0)
    .map((group) => group.indexes.sort((a, b) => a - b).map((index) => templatePaths[index]!));
}

interface Run {
  readonly templates: ReadonlyMap<string, string>;
  readonly port: MessagePort;
  readonly done: Int32Array;
}

/** sha-256 of a template's bytes, so a run started early is used only for the very file being validated. */
function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * The Control Tower proactive controls of @cdklabs/cdk-validator-cfnguard, run over every template as
 * before, but as one cfn-guard process per CPU core instead of one for all: the native binary is the
 * bulk of synth time and uses a single core. Each share runs the unmodified validator in a worker
 * thread; `validate` blocks until all have answered (plugins must report synchronously). cfn-guard
 * reports each data file on its own, so the merged report equals a single run's, in template order.
 * Each template is checked with only the rule files naming one of its resource types (the others can
 * only skip), which cuts cfn-guard's time several-fold.
 *
 * `prestart` lets templates that are already written (nested stages synthesize before the app's own
 * templates) be checked while the rest of synthesis goes on; `validate` uses such a run only if every
 * template it covered is among those asked for and still byte-identical, and checks anything else anew.
 */
export class ParallelCfnGuard implements IPolicyValidationPlugin {
  private readonly validator: CfnGuardValidator;
  /** The Control Tower rule files (if enabled), indexed by the resource types they name. */
  private readonly controlTowerRules: GuardRuleFile[];
  private started: Run[] = [];
  readonly name: string;
  readonly version?: string;
  readonly ruleIds?: string[];

  constructor(
    private readonly props: CfnGuardValidatorProps = {},
    private readonly shares: number = availableParallelism(),
  ) {
    this.validator = new CfnGuardValidator(props);
    this.controlTowerRules =
      (props.controlTowerRulesEnabled ?? true) ? indexGuardRules(controlTowerRulesPath) : [];
    this.name = this.validator.name;
    this.version = this.validator.version;
    this.ruleIds = this.validator.ruleIds;
  }

  /** Starts checking templates that are final already; `validate` picks the results up. */
  prestart(templatePaths: readonly string[]): void {
    const running = new Map(this.started.flatMap((run) => [...run.templates]));
    this.started.push(
      ...this.start(templatePaths.filter((path) => !running.has(path) || running.get(path) !== digest(path))),
    );
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const wanted = new Set(context.templatePaths);
    const started = this.started;
    this.started = [];
    const reusable = started.filter((run) =>
      [...run.templates].every(([path, hash]) => wanted.has(path) && digest(path) === hash),
    );
    const covered = new Set(reusable.flatMap((run) => [...run.templates.keys()]));
    const runs = [...reusable, ...this.start(context.templatePaths.filter((path) => !covered.has(path)))];
    // Runs not reused still answer; wait for them too so no worker outlives the synth it belongs to.
    for (const run of started) {
      if (reusable.includes(run)) continue;
      try {
        this.collect(run);
      } catch {
        // its templates are checked anew above
      }
    }
    const reports = runs.map((run) => this.collect(run));

    // Back in template order, as a single cfn-guard run lists them.
    const order = new Map(context.templatePaths.map((path, index) => [path, index]));
    const position = (violation: PolicyViolation) =>
      Math.min(
        ...violation.violatingResources.map(
          (resource) => order.get(resource.templatePath ?? '') ?? Number.POSITIVE_INFINITY,
        ),
      );
    const violations = reports
      .flatMap((report) => report.violations)
      .map((violation, arrival) => ({ violation, arrival, at: position(violation) }))
      .sort((a, b) => a.at - b.at || a.arrival - b.arrival)
      .map(({ violation }) => violation);
    return { success: reports.every((report) => report.success), violations };
  }

  private start(templatePaths: readonly string[]): Run[] {
    if (templatePaths.length === 0) return [];
    return shareTemplates(templatePaths, this.shares).map((share) => {
      const templates = new Map(share.map((path) => [path, digest(path)]));
      const { port1, port2 } = new MessageChannel();
      const done = new Int32Array(new SharedArrayBuffer(4));
      const jobs = share.map((templatePath) => ({
        templatePath,
        rules: [
          ...rulesForTypes(this.controlTowerRules, templateResourceTypes(templatePath)),
          ...(this.props.rules ?? []),
        ],
      }));
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        execArgv: [],
        workerData: { port: port2, done, pluginModule, props: this.props, jobs },
        transferList: [port2],
      });
      worker.unref();
      return { templates, port: port1, done };
    });
  }

  private collect(run: Run): PolicyValidationPluginReport {
    Atomics.wait(run.done, 0, 0);
    const received = receiveMessageOnPort(run.port)?.message as WorkerMessage | undefined;
    run.port.close();
    if (!received) throw new Error('cfn-guard worker sent no result');
    if ('error' in received) throw new Error(received.error);
    return received.report;
  }
}
