// @ts-check
/* global process, URL */
/**
 * Runs CfnGuardValidator over rule groups side by side; started by validate-side-by-side.ts.
 *
 * Reads `[{ rules, templatePaths }, …]` as JSON on stdin and writes one validation report per group, in the
 * same order, as JSON on stdout. Each group runs in a worker thread, as many at a time as there are cores:
 * the validator waits for its cfn-guard process synchronously, so a thread per run is what lets them overlap.
 * Plain JavaScript, so neither this process nor its threads load a TypeScript loader.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';

/** @typedef {{ rules: string[]; templatePaths: string[] }} GuardGroup */

if (isMainThread) {
  /** @type {GuardGroup[]} */
  const groups = JSON.parse(readFileSync(0, 'utf8'));
  /** @type {unknown[]} */
  const reports = [];
  let next = 0;
  /** @param {GuardGroup} group */
  const inWorker = (group) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: group });
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`cfn-guard worker exited ${code} without a report`)));
    });
  const lane = async () => {
    while (next < groups.length) {
      const index = next++;
      reports[index] = await inWorker(/** @type {GuardGroup} */ (groups[index]));
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), groups.length) }, lane));
  process.stdout.write(JSON.stringify(reports));
} else {
  /** @type {GuardGroup} */
  const { rules, templatePaths } = workerData;
  const validator = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules });
  // The validator reads nothing of the context but the template paths.
  parentPort?.postMessage(validator.validate(/** @type {any} */ ({ templatePaths })));
}
