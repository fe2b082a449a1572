/**
 * The definition the local stack runs is the one synthesized from the workflow stack: valid ASL, equal to
 * a fresh synth, re-synthesized when stale, and every task state has its in-process handler.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import aslValidator from 'asl-validator';
import { describe, expect, it, onTestFinished } from 'vitest';
import { definitionFromTemplate, synthesizeWorkflowTemplate } from '../../../stages/workflow-definition.js';
import { loadWorkflowDefinition } from '../../../local/workflow/definition.js';
import { definitionInputs, definitionSourceHash } from '../../../local/workflow/definition-source.js';
import { localBedrockModelId } from '../../../local/workflow/local-model.js';
import { LocalWorkflowRunner } from '../../../local/workflow/runner.js';

describe('workflow definition for the local stack', () => {
  it('is valid Amazon States Language (asl-validator)', () => {
    const { definition } = loadWorkflowDefinition();
    const result = aslValidator(definition as never);
    expect(result.errorsText?.(), 'asl-validator errors').toBeFalsy();
    expect(result.isValid).toBe(true);
  });

  it('is exactly the definition in the synthesized template', () => {
    const cached = loadWorkflowDefinition();
    const fresh = definitionFromTemplate(synthesizeWorkflowTemplate(localBedrockModelId).template);
    expect(cached.sourceHash).toBe(definitionSourceHash());
    expect(cached.definition).toEqual(fresh.definition);
    expect(cached.stateMachineLogicalId).toBe(fresh.stateMachineLogicalId);
  });

  it('is synthesized again when the cached copy was made from other sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-def-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'definition.json');
    writeFileSync(
      file,
      JSON.stringify({
        sourceHash: 'stale',
        stateMachineLogicalId: 'Old',
        definition: { StartAt: 'X', States: {} },
      }),
    );
    const loaded = loadWorkflowDefinition(file);
    expect(loaded.sourceHash).toBe(definitionSourceHash());
    expect(Object.keys(loaded.definition.States as object)).toContain('StartJob');
    expect(JSON.parse(readFileSync(file, 'utf8')).sourceHash).toBe(definitionSourceHash());
  });

  it('hashes every project file the synthesizing script imports, found from its import graph', () => {
    expect(definitionInputs()).toEqual(
      expect.arrayContaining([
        'bin/workflow-definition.ts',
        'stages/workflow-definition.ts',
        'stages/workflow-stack.ts',
        'stages/constructs/service-function.ts',
        'stages/constructs/private/bundling-options.ts',
        'services/workflow/steps.ts',
      ]),
    );
    expect(definitionInputs().filter((input) => input.startsWith('node_modules/'))).toEqual([]);
  });

  it('changes its hash when a new import into the workflow stack changes, though no list names it', () => {
    const root = mkdtempSync(join(tmpdir(), 'gm-def-src-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write(
      'bin/workflow-definition.ts',
      "import { stack } from '../stages/workflow-stack.js';\nconsole.log(stack);\n",
    );
    write('stages/workflow-stack.ts', "export const stack = 'steps';\n");
    write('stages/constructs/new-helper.ts', 'export const timeoutSeconds = 30;\n');
    const before = definitionSourceHash(root);

    write(
      'stages/workflow-stack.ts',
      "import { timeoutSeconds } from './constructs/new-helper.js';\nexport const stack = `steps ${timeoutSeconds}`;\n",
    );
    const withImport = definitionSourceHash(root);
    expect(definitionInputs(root)).toContain('stages/constructs/new-helper.ts');
    expect(withImport).not.toBe(before);

    // Only the newly imported file changes: the hash follows it.
    write('stages/constructs/new-helper.ts', 'export const timeoutSeconds = 60;\n');
    expect(definitionSourceHash(root)).not.toBe(withImport);
  });

  it('refuses to run a definition with a task state that has no local handler', () => {
    const { definition, ...rest } = loadWorkflowDefinition();
    const states = { ...(definition.States as Record<string, object>) };
    states.Surprise = {
      Type: 'Task',
      Resource: 'arn:aws:lambda:ap-northeast-1:123456789012:function:Surprise',
      End: true,
    };
    expect(
      () =>
        new LocalWorkflowRunner({
          definition: { ...rest, definition: { ...definition, States: states } },
          dependencies: {
            db: () => Promise.reject(new Error('no database')),
            model: () => ({
              modelId: localBedrockModelId,
              requestTimeoutMs: 1_000,
              region: 'ap-northeast-1',
            }),
          },
        }),
    ).toThrow(/no local handler for task state\(s\) Surprise/);
  });
});
