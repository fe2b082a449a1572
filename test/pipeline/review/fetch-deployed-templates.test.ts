import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFetchArgs } from '../../../pipeline/review/fetch-args.js';
import { fetchDeployedTemplates } from '../../../pipeline/review/fetch-deployed-templates.js';

const cloudFormation = mockClient(CloudFormationClient);
const stacks = [
  { stackName: 'Production-Network', templateFileName: 'ProductionNetworkCAF6818D.template.json' },
  { stackName: 'Production-Data', templateFileName: 'ProductionDataBCCFC6B1.template.json' },
  { stackName: 'Production-Edge', templateFileName: 'ProductionEdge5E61A49C.template.json' },
];
const networkTemplate = JSON.stringify({ Resources: { Vpc: { Type: 'AWS::EC2::VPC' } } });
let out: string;

function missing(stackName: string): Error {
  return new CloudFormationServiceException({
    name: 'ValidationError',
    $fault: 'client',
    $metadata: {},
    message: `Stack with id ${stackName} does not exist`,
  });
}

beforeEach(() => {
  cloudFormation.reset();
  out = join(mkdtempSync(join(tmpdir(), 'gm-fetch-')), 'deployed');
});
afterEach(() => rmSync(join(out, '..'), { recursive: true, force: true }));

describe('fetching the deployed templates', () => {
  it('writes the original template of each deployed stack; a missing or never-deployed one gets no file', async () => {
    cloudFormation
      .on(DescribeStacksCommand, { StackName: 'Production-Network' })
      .resolves({
        Stacks: [
          { StackName: 'Production-Network', StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date() },
        ],
      })
      .on(DescribeStacksCommand, { StackName: 'Production-Data' })
      .rejects(missing('Production-Data'))
      .on(DescribeStacksCommand, { StackName: 'Production-Edge' })
      .resolves({
        Stacks: [
          { StackName: 'Production-Edge', StackStatus: 'REVIEW_IN_PROGRESS', CreationTime: new Date() },
        ],
      })
      .on(GetTemplateCommand, { StackName: 'Production-Network', TemplateStage: 'Original' })
      .resolves({ TemplateBody: networkTemplate });

    const result = await fetchDeployedTemplates(
      new CloudFormationClient({ region: 'ap-northeast-1' }),
      stacks,
      out,
    );

    expect(result).toEqual({
      fetched: ['Production-Network'],
      notDeployed: ['Production-Data', 'Production-Edge'],
    });
    expect(readFileSync(join(out, stacks[0]!.templateFileName), 'utf8')).toBe(networkTemplate);
    expect(existsSync(join(out, stacks[1]!.templateFileName))).toBe(false);
    expect(existsSync(join(out, stacks[2]!.templateFileName))).toBe(false);
    expect(cloudFormation.commandCalls(GetTemplateCommand)).toHaveLength(1);
  });

  it('fails on access denied rather than reviewing the stack as new', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(
      new CloudFormationServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: {},
        message: 'User is not authorized to perform: cloudformation:DescribeStacks',
      }),
    );
    await expect(
      fetchDeployedTemplates(new CloudFormationClient({ region: 'ap-northeast-1' }), stacks, out),
    ).rejects.toThrow('DescribeStacks Production-Network failed: AccessDenied: User is not authorized');
  });

  it('names the remedy when there are no credentials', async () => {
    const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    cloudFormation.on(DescribeStacksCommand).rejects(noCredentials);
    await expect(
      fetchDeployedTemplates(new CloudFormationClient({ region: 'ap-northeast-1' }), stacks, out),
    ).rejects.toThrow(
      "DescribeStacks Production-Network: no usable AWS credentials (Could not load credentials from any providers): run with AWS_PROFILE=<a profile of the stage's account> (after `aws sso login` if it is an SSO profile), or pass --role-arn",
    );
  });

  it('fails on a deployed template that is not JSON', async () => {
    cloudFormation
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [{ StackName: 'x', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date() }] })
      .on(GetTemplateCommand)
      .resolves({ TemplateBody: 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n' });
    await expect(
      fetchDeployedTemplates(new CloudFormationClient({ region: 'ap-northeast-1' }), stacks, out),
    ).rejects.toThrow('Production-Network: the deployed template is not JSON');
  });
});

describe('npm run review:fetch arguments', () => {
  it('takes the output directory, the stage and the role to assume', () => {
    expect(
      parseFetchArgs([
        '--out',
        'deployed',
        '--role-arn',
        'arn:aws:iam::333333333333:role/goal-mandala-change-review',
      ]),
    ).toEqual({
      out: 'deployed',
      assembly: 'cdk.out',
      stage: 'Production',
      roleArn: 'arn:aws:iam::333333333333:role/goal-mandala-change-review',
    });
  });

  it('names a missing or malformed argument', () => {
    expect(() => parseFetchArgs([])).toThrow(/^--out DIR is required$/);
    expect(() => parseFetchArgs(['--out', 'd', '--role-arn', 'goal-mandala-change-review'])).toThrow(
      /--role-arn must be an IAM role ARN, not "goal-mandala-change-review"/,
    );
  });
});
