import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import {
  CloudFormationValidatePlugin,
  type CloudFormationValidatePluginProps,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
} from 'aws-cdk-lib';

const cdkLibModule = createRequire(import.meta.url).resolve('aws-cdk-lib');

/**
 * Runs in the worker thread: aws-cdk-lib's own CloudFormationValidatePlugin, answering one message at a time.
 * `warm` validates a throw-away template declaring every resource type the app has, so the engine (slow to
 * build, and rebuilt whenever a template brings a type it was not built for) is ready before the real
 * templates exist; its result is dropped. `validate` answers with the plugin's report for the templates.
 * Plain CommonJS (an eval worker), so the thread starts without the TypeScript loader.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { port, answered, cdkLibModule, props } = workerData;
let plugin;
let startError;
try {
  const { CloudFormationValidatePlugin } = require(cdkLibModule);
  plugin = new CloudFormationValidatePlugin(props);
} catch (error) {
  // Answered to every request below: the main thread waits for an answer and must get one.
  startError = error instanceof Error ? error.message : String(error);
}
port.on('message', (message) => {
  if (message.kind === 'warm') {
    if (startError) return;
    try {
      plugin.validate({ templatePaths: [message.templatePath], stackTemplates: [{ templatePath: message.templatePath, stackConstructPath: 'warm-up' }] });
    } catch {
      // only a head start: the real validation reports any failure
    }
    return;
  }
  let reply;
  try {
    if (startError) throw new Error(startError);
    reply = { id: message.id, report: plugin.validate(message.context) };
  } catch (error) {
    reply = { id: message.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
});
`;

type Reply = { id: number; report: PolicyValidationPluginReport } | { id: number; error: string };

/** What the plugin reads of a validation context (a worker cannot receive the construct tree). */
type TemplatesContext = Pick<IPolicyValidationContext, 'templatePaths' | 'stackTemplates'>;

interface Request {
  readonly id: number;
  readonly key: string;
}

/** The templates of a context and their exact bytes, so an early run is used only for what is validated now. */
function requestKey(context: TemplatesContext): string {
  const hash = createHash('sha256').update(JSON.stringify(context));
  for (const { templatePath } of context.stackTemplates) hash.update(readFileSync(templatePath));
  return hash.digest('hex');
}

function templatesContext(context: IPolicyValidationContext): TemplatesContext {
  return {
    templatePaths: [...context.templatePaths],
    stackTemplates: context.stackTemplates.map(({ stackConstructPath, templatePath, accountId, region }) => ({
      stackConstructPath,
      templatePath,
      accountId,
      region,
    })),
  };
}

/**
 * aws-cdk-lib's built-in CloudFormation validation — the same plugin class, rules, options and report — run in
 * a worker thread, so its engine is built while the app is still synthesizing and the templates are checked
 * while the other packs run, instead of all of it on the main thread after them (about 5 s of a synth).
 *
 * Being a CloudFormationValidatePlugin registered on the app, it takes the built-in instance's place (aws-cdk-lib
 * adds its default one only when none is registered) and aws-cdk-lib treats its findings exactly as the
 * built-in's (reported as warnings unless `@aws-cdk/core:validateAgainstDefaultRules` is set).
 */
export class BackgroundCloudFormationValidate extends CloudFormationValidatePlugin {
  private worker?: { readonly port: MessagePort; readonly answered: Int32Array; readonly thread: Worker };
  /** Answers read from the worker so far (the worker counts those it sent in `answered`). */
  private consumed = 0;
  private nextId = 0;
  private early?: Request;
  private warmUpDir?: string;

  constructor(private readonly options: CloudFormationValidatePluginProps = {}) {
    super(options);
  }

  /** Starts the worker and has it build the engine for these resource types. */
  warmUp(resourceTypes: Iterable<string>): void {
    const { port } = this.start();
    this.warmUpDir ??= mkdtempSync(join(tmpdir(), 'gm-cfn-validate-'));
    const templatePath = join(this.warmUpDir, 'warm-up.template.json');
    const Resources = Object.fromEntries(
      [...new Set(resourceTypes)].map((Type, index) => [`R${index}`, { Type }]),
    );
    writeFileSync(templatePath, JSON.stringify({ Resources }));
    port.postMessage({ kind: 'warm', templatePath });
  }

  /** Starts validating templates that are final already; `validate` uses the result if nothing changed since. */
  prestart(context: IPolicyValidationContext): void {
    const request = templatesContext(context);
    this.early = { id: this.send(request), key: requestKey(request) };
  }

  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const request = templatesContext(context);
    const early = this.early;
    this.early = undefined;
    const id = early?.key === requestKey(request) ? early.id : this.send(request);
    try {
      return this.collect(id);
    } finally {
      this.stop();
    }
  }

  private start(): NonNullable<BackgroundCloudFormationValidate['worker']> {
    if (this.worker) return this.worker;
    const { port1, port2 } = new MessageChannel();
    const answered = new Int32Array(new SharedArrayBuffer(4));
    const thread = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { port: port2, answered, cdkLibModule, props: this.options },
      transferList: [port2],
    });
    thread.unref(); // never keeps a process alive on its own
    this.worker = { port: port1, answered, thread };
    this.consumed = 0;
    return this.worker;
  }

  private send(context: TemplatesContext): number {
    const id = this.nextId++;
    this.start().port.postMessage({ kind: 'validate', id, context });
    return id;
  }

  /** Blocks until the worker has answered request `id` (plugins report synchronously). */
  private collect(id: number): PolicyValidationPluginReport {
    const { port, answered } = this.start();
    for (;;) {
      const reply = receiveMessageOnPort(port)?.message as Reply | undefined;
      if (!reply) {
        // Sleeps only while the worker has sent nothing beyond what was read.
        Atomics.wait(answered, 0, this.consumed);
        continue;
      }
      this.consumed++;
      if (reply.id !== id) continue; // an early request that no longer applies
      if ('error' in reply) throw new Error(reply.error);
      return reply.report;
    }
  }

  private stop(): void {
    if (this.worker) {
      this.worker.port.close();
      void this.worker.thread.terminate();
      this.worker = undefined;
    }
    if (this.warmUpDir) rmSync(this.warmUpDir, { recursive: true, force: true });
    this.warmUpDir = undefined;
  }
}
