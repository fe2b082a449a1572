#!/usr/bin/env node
/**
 * Writes the workflow's state-machine definition for the local runner, which runs this in a child process
 * (runtime code never imports aws-cdk-lib): `tsx bin/workflow-definition.ts [outFile]`. The definition is
 * synthesized from the workflow stack (stages/) and stamped with the hash of its sources (local/), so the
 * local stack re-synthesizes only after a change.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  defaultDefinitionFile,
  definitionSourceHash,
  type GeneratedDefinition,
} from '../local/workflow/definition-source.js';
import { localBedrockModelId } from '../local/workflow/local-model.js';
import { definitionFromTemplate, synthesizeWorkflowTemplate } from '../stages/workflow-definition.js';

const outFile = process.argv[2] ?? defaultDefinitionFile;
const generated: GeneratedDefinition = {
  sourceHash: definitionSourceHash(),
  ...definitionFromTemplate(synthesizeWorkflowTemplate(localBedrockModelId).template),
};
mkdirSync(dirname(outFile), { recursive: true });
// Written aside, then renamed: concurrent writers never leave half a file.
const partial = `${outFile}.${process.pid}.tmp`;
writeFileSync(partial, JSON.stringify(generated, null, 2));
renameSync(partial, outFile);
console.log(
  `workflow definition written (${Object.keys(generated.definition.States as object).length} states)`,
);
