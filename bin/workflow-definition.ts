#!/usr/bin/env node
/**
 * Writes the workflow's state-machine definition for the local runner, which runs this in a child process
 * (runtime code never imports aws-cdk-lib): `tsx bin/workflow-definition.ts [outFile]`.
 */
import { writeWorkflowDefinition } from '../stages/workflow-definition.js';

const out = writeWorkflowDefinition(process.argv[2]);
console.log(`workflow definition written (${Object.keys(out.definition.States as object).length} states)`);
