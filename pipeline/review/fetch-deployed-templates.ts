/**
 * Fetches the templates deployed today for the stage's stacks, as CloudFormation returns them
 * (GetTemplate, the original template), into one `<artifact id>.template.json` per deployed stack:
 * the input of `npm run review`. A stack that does not exist, or was never deployed (a change set
 * created it and none ran: REVIEW_IN_PROGRESS), gets no file: the review treats it as new.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { ReviewError } from './review-error.js';
import type { StageStack } from './stage-assembly.js';

export interface FetchResult {
  /** Stack names whose deployed template was written. */
  readonly fetched: readonly string[];
  /** Stack names not deployed yet (no file). */
  readonly notDeployed: readonly string[];
}

export async function fetchDeployedTemplates(
  client: Pick<CloudFormationClient, 'send'>,
  stacks: readonly Pick<StageStack, 'stackName' | 'templateFileName'>[],
  outDir: string,
): Promise<FetchResult> {
  mkdirSync(outDir, { recursive: true });
  const fetched: string[] = [];
  const notDeployed: string[] = [];
  for (const stack of stacks) {
    const template = await deployedTemplate(client, stack.stackName);
    if (template === undefined) {
      notDeployed.push(stack.stackName);
      continue;
    }
    writeFileSync(join(outDir, stack.templateFileName), template);
    fetched.push(stack.stackName);
  }
  return { fetched, notDeployed };
}

async function deployedTemplate(
  client: Pick<CloudFormationClient, 'send'>,
  stackName: string,
): Promise<string | undefined> {
  let status: string | undefined;
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    status = Stacks?.[0]?.StackStatus;
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw describeFailure(error, stackName, 'DescribeStacks');
  }
  if (status === undefined || status === 'REVIEW_IN_PROGRESS') return undefined;
  try {
    const { TemplateBody } = await client.send(
      new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }),
    );
    if (!TemplateBody) throw new ReviewError(`${stackName}: GetTemplate returned no template`);
    // CDK deploys JSON; anything else cannot be compared and must not pass as "no change".
    JSON.parse(TemplateBody);
    return TemplateBody;
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new ReviewError(`${stackName}: the deployed template is not JSON`);
    if (error instanceof ReviewError) throw error;
    throw describeFailure(error, stackName, 'GetTemplate');
  }
}

/** CloudFormation answers a missing stack with a ValidationError "Stack with id … does not exist". */
function isMissingStack(error: unknown): boolean {
  return error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message);
}

function describeFailure(error: unknown, stackName: string, action: string): ReviewError {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  if (name === 'CredentialsProviderError' || name === 'ExpiredTokenException' || name === 'ExpiredToken') {
    return new ReviewError(
      `${action} ${stackName}: no usable AWS credentials (${message.split('\n')[0]}): run with AWS_PROFILE=<a profile of the stage's account> (after \`aws sso login\` if it is an SSO profile), or pass --role-arn`,
    );
  }
  return new ReviewError(`${action} ${stackName} failed: ${name}: ${message}`);
}
