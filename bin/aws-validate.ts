/**
 * `npm run aws:validate [-- --assembly DIR]`: the synthesized cloud assembly (default cdk.out) against
 * AWS's published specifications and the access paths the system depends on (compliance/aws-specs/).
 * Prints each finding on one line; exits 1 when any remains.
 */
import { parseArgs } from 'node:util';
import { formatFinding } from '../compliance/aws-specs/finding.js';
import { AssemblyNotFoundError } from '../compliance/aws-specs/private/cloud-assembly.js';
import { validateAssembly } from '../compliance/aws-specs/validate-assembly.js';

const USAGE = `usage: npm run aws:validate [-- --assembly DIR]

Checks the cloud assembly written by cdk synth against AWS's specifications:
CloudFormation resource schemas and references, IAM actions and condition keys,
names used across templates, the access paths in compliance/aws-specs/expected-access-paths.ts
(IAM policy simulator), state machines, buildspecs and CloudFront functions.

  --assembly DIR   the cloud assembly directory (default: cdk.out)
  --help           this text`;

async function main(): Promise<void> {
  let options: { assembly?: string; help?: boolean };
  try {
    ({ values: options } = parseArgs({
      options: { assembly: { type: 'string' }, help: { type: 'boolean' } },
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 1;
    return;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const directory = options.assembly ?? 'cdk.out';
  const started = performance.now();
  try {
    const result = await validateAssembly(directory);
    for (const { finding, reason } of result.accepted)
      console.log(`accepted ${formatFinding(finding)} (${reason})`);
    for (const finding of result.failures) console.log(formatFinding(finding));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `aws:validate: ${result.templates} templates, ${result.resources} resources in ${directory}: ` +
        `${result.failures.length} finding(s), ${result.accepted.length} accepted warning(s), ${seconds} s`,
    );
    if (result.failures.length > 0) process.exitCode = 1;
  } catch (error) {
    if (!(error instanceof AssemblyNotFoundError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  }
}

await main();
