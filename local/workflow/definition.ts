/**
 * Loads the state-machine definition synthesized from the workflow stack, re-synthesizing it (in a child
 * process running bin/workflow-definition.ts) only when its sources changed since the cached copy.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  defaultDefinitionFile,
  definitionScript,
  definitionSourceHash,
  repoRoot,
  type GeneratedDefinition,
} from './definition-source.js';

function readCached(file: string): GeneratedDefinition | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as GeneratedDefinition;
  } catch {
    return undefined;
  }
}

/** The current definition: from the cache when its source hash matches, else freshly synthesized. */
export function loadWorkflowDefinition(file = defaultDefinitionFile): GeneratedDefinition {
  const hash = definitionSourceHash();
  const cached = readCached(file);
  if (cached?.sourceHash === hash) return cached;
  try {
    execFileSync(process.execPath, ['--import', 'tsx', definitionScript, file], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' ');
    throw new Error(`workflow definition: synthesizing ${definitionScript} failed: ${stderr}`, {
      cause: error,
    });
  }
  const fresh = readCached(file);
  if (!fresh) throw new Error(`workflow definition: ${file} was not written`);
  return fresh;
}
