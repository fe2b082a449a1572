import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  CodePipelineClient,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  PipelineNotFoundException,
  StartPipelineExecutionCommand,
  type StageState,
} from '@aws-sdk/client-codepipeline';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseRollbackArgs } from '../../pipeline/rollback/parse-args.js';
import { resolveTag } from '../../pipeline/rollback/resolve-tag.js';
import { RollbackError } from '../../pipeline/rollback/rollback-error.js';
import { type RollbackRequest, runRollback } from '../../pipeline/rollback/run-rollback.js';
import { tempDir } from '../helpers/temp-dir.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const PIPELINE = 'goal-mandala-delivery';
const EXECUTION = '11111111-2222-3333-4444-555555555555';

let repo: string;
let releaseCommit: string;
let laterCommit: string;

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  })
    .toString()
    .trim();
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'gm-rollback-'));
  git('init', '-q', '-b', 'main');
  git('commit', '-q', '--allow-empty', '-m', 'Release 1.0.0');
  releaseCommit = git('rev-parse', 'HEAD');
  git('tag', '-a', 'v1.0.0', '-m', 'first release'); // annotated: must peel to the commit
  git('commit', '-q', '--allow-empty', '-m', 'Later work');
  laterCommit = git('rev-parse', 'HEAD');
  git('tag', 'v1.1.0'); // lightweight
  git('branch', 'feature');
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('resolveTag', () => {
  it('peels an annotated tag to its commit and shows its subject', async () => {
    const target = await resolveTag('v1.0.0', repo);
    expect(target.commit).toBe(releaseCommit);
    expect(target.commit).not.toBe(git('rev-parse', 'v1.0.0')); // the tag object's own id
    expect(target.subject).toBe('Release 1.0.0');
    expect(target.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('resolves a lightweight tag', async () => {
    expect((await resolveTag('v1.1.0', repo)).commit).toBe(laterCommit);
  });

  it('names a missing tag in one line', async () => {
    await expect(resolveTag('v9.9.9', repo)).rejects.toThrow(
      new RollbackError('tag "v9.9.9" not found (run "git fetch --tags", or list tags with "git tag")'),
    );
  });

  it('accepts tags only, not branches', async () => {
    await expect(resolveTag('feature', repo)).rejects.toThrow('tag "feature" not found');
  });

  it('refuses names git would read as options', async () => {
    await expect(resolveTag('--all', repo)).rejects.toThrow('"--all" is not a valid tag name');
  });

  it('says when it is not run inside a repository', async () => {
    const elsewhere = tempDir('gm-norepo-');
    await expect(resolveTag('v1.0.0', elsewhere)).rejects.toThrow(`${elsewhere} is not a git repository`);
  });
});

describe('parseRollbackArgs', () => {
  it('takes one tag and the options', () => {
    expect(parseRollbackArgs(['v1.0.0', '--yes', '--pipeline', 'p', '--region', 'eu-west-1'])).toEqual({
      tag: 'v1.0.0',
      yes: true,
      pipeline: 'p',
      region: 'eu-west-1',
      pollSeconds: 10,
    });
    expect(parseRollbackArgs(['v1.0.0']).yes).toBe(false);
    expect(parseRollbackArgs(['-y', 'v1.0.0']).yes).toBe(true);
  });

  it('names what is wrong with the command line', () => {
    expect(() => parseRollbackArgs([])).toThrow(/^missing tag$/);
    expect(() => parseRollbackArgs(['a', 'b'])).toThrow(/^exactly one tag expected$/);
    expect(() => parseRollbackArgs(['v1', '--force'])).toThrow(/^unknown option --force$/);
    expect(() => parseRollbackArgs(['v1', '--poll-seconds', '0'])).toThrow(
      /^--poll-seconds must be a positive/,
    );
  });
});

describe('runRollback', () => {
  const codePipeline = mockClient(CodePipelineClient);
  let output: string;
  let sleeps: number[];

  const stage = (
    stageName: string,
    status: string,
    actions: [string, string, string?][] = [],
    id = EXECUTION,
  ) =>
    ({
      stageName,
      latestExecution: { pipelineExecutionId: id, status },
      actionStates: actions.map(([actionName, actionStatus, message]) => ({
        actionName,
        latestExecution: {
          status: actionStatus,
          ...(message ? { errorDetails: { code: 'JobFailed', message } } : {}),
        },
      })),
    }) as StageState;

  function request(overrides: Partial<RollbackRequest> = {}): RollbackRequest {
    return {
      tag: 'v1.0.0',
      pipelineName: PIPELINE,
      region: 'ap-northeast-1',
      yes: true,
      cwd: repo,
      pollIntervalMs: 10_000,
      ...overrides,
    };
  }

  async function rollback(overrides: Partial<RollbackRequest> = {}, answer?: string): Promise<number> {
    const input = new PassThrough();
    if (answer !== undefined) input.end(answer);
    const sink = new PassThrough();
    sink.on('data', (chunk) => (output += chunk.toString()));
    return runRollback(request(overrides), {
      client: new CodePipelineClient({ region: 'ap-northeast-1' }),
      input,
      output: sink,
      sleep: async (ms) => void sleeps.push(ms),
    });
  }

  beforeEach(() => {
    codePipeline.reset();
    output = '';
    sleeps = [];
    codePipeline.on(StartPipelineExecutionCommand).resolves({ pipelineExecutionId: EXECUTION });
  });

  it('starts the pipeline on the tagged commit through a COMMIT_ID source revision override', async () => {
    codePipeline.on(GetPipelineExecutionCommand).resolves({ pipelineExecution: { status: 'Succeeded' } });
    codePipeline.on(GetPipelineStateCommand).resolves({ stageStates: [] });

    expect(await rollback()).toBe(0);

    const starts = codePipeline.commandCalls(StartPipelineExecutionCommand);
    expect(starts).toHaveLength(1);
    expect(starts[0]!.args[0].input).toEqual({
      name: PIPELINE,
      sourceRevisions: [{ actionName: 'Checkout', revisionType: 'COMMIT_ID', revisionValue: releaseCommit }],
    });
    expect(output).toContain(`tag v1.0.0 is commit ${releaseCommit}`);
    expect(output).toContain(`Started execution ${EXECUTION}`);
  });

  it('follows the run stage by stage until it succeeds, polling at the set interval', async () => {
    codePipeline
      .on(GetPipelineExecutionCommand, { pipelineName: PIPELINE, pipelineExecutionId: EXECUTION })
      .resolvesOnce({ pipelineExecution: { status: 'InProgress' } })
      .resolvesOnce({ pipelineExecution: { status: 'InProgress' } })
      .resolvesOnce({ pipelineExecution: { status: 'InProgress' } })
      .resolves({ pipelineExecution: { status: 'Succeeded' } });
    codePipeline
      .on(GetPipelineStateCommand, { name: PIPELINE })
      .resolvesOnce({
        stageStates: [
          stage('Source', 'Succeeded'),
          stage('Build', 'InProgress', [['Synth', 'InProgress']]),
          stage('Staging', 'Succeeded', [], 'an-earlier-run'),
        ],
      })
      .resolvesOnce({
        stageStates: [
          stage('Source', 'Succeeded'),
          stage('Build', 'Succeeded'),
          stage('Staging', 'InProgress', [['HealthCheck', 'InProgress']]),
        ],
      })
      .resolvesOnce({
        stageStates: [
          stage('Staging', 'Succeeded'),
          stage('Production', 'InProgress', [['PromoteToProduction', 'InProgress']]),
        ],
      })
      .resolves({ stageStates: [stage('Staging', 'Succeeded'), stage('Production', 'Succeeded')] });

    expect(await rollback({ pollIntervalMs: 7_000 })).toBe(0);

    expect(codePipeline.commandCalls(GetPipelineExecutionCommand)).toHaveLength(4);
    expect(sleeps).toEqual([7_000, 7_000, 7_000]);
    const progress = output.split('\n').filter((line) => line.startsWith('  ') && line.includes(': '));
    expect(progress.slice(-7)).toEqual([
      '  Source: Succeeded',
      '  Build: InProgress (Synth)',
      '  Build: Succeeded',
      '  Staging: InProgress (HealthCheck)',
      '  Staging: Succeeded',
      '  Production: waiting for manual approval (PromoteToProduction): approve or reject it in the CodePipeline console',
      '  Production: Succeeded',
    ]);
    expect(output).not.toContain('an-earlier-run');
    expect(output).toContain('Rollback to v1.0.0');
    expect(output).toContain('succeeded');
  });

  it('exits non-zero and names the failed action when the run fails', async () => {
    codePipeline.on(GetPipelineExecutionCommand).resolves({ pipelineExecution: { status: 'Failed' } });
    codePipeline.on(GetPipelineStateCommand).resolves({
      stageStates: [
        stage('Staging', 'Failed', [['HealthCheck', 'Failed', 'health check FAILED: version=abc\nmore']]),
      ],
    });
    expect(await rollback()).toBe(1);
    expect(output).toContain('the run ended Failed');
    expect(output).toContain('  Staging/HealthCheck: health check FAILED: version=abc\n');
  });

  it('exits non-zero and explains a superseded run (a push, or the restart after self-mutation)', async () => {
    codePipeline.on(GetPipelineExecutionCommand).resolves({ pipelineExecution: { status: 'Superseded' } });
    codePipeline
      .on(GetPipelineStateCommand)
      .resolves({ stageStates: [stage('UpdatePipeline', 'Succeeded')] });
    expect(await rollback()).toBe(1);
    expect(output).toContain('the run ended Superseded');
    expect(output).toContain('updated itself');
  });

  it('asks before starting and starts on "y"', async () => {
    codePipeline.on(GetPipelineExecutionCommand).resolves({ pipelineExecution: { status: 'Succeeded' } });
    codePipeline.on(GetPipelineStateCommand).resolves({ stageStates: [] });
    expect(await rollback({ yes: false }, 'y\n')).toBe(0);
    expect(output).toContain('Start the rollback? [y/N]');
    expect(codePipeline.commandCalls(StartPipelineExecutionCommand)).toHaveLength(1);
  });

  for (const [answer, label] of [
    ['n\n', 'a no'],
    ['\n', 'an empty answer'],
    ['', 'end of input'],
  ] as const) {
    it(`starts nothing on ${label}`, async () => {
      expect(await rollback({ yes: false }, answer)).toBe(1);
      expect(output).toContain('Not confirmed: nothing was started.');
      expect(codePipeline.calls()).toHaveLength(0);
    });
  }

  it('does not prompt with --yes', async () => {
    codePipeline.on(GetPipelineExecutionCommand).resolves({ pipelineExecution: { status: 'Succeeded' } });
    codePipeline.on(GetPipelineStateCommand).resolves({ stageStates: [] });
    expect(await rollback({ yes: true })).toBe(0);
    expect(output).not.toContain('[y/N]');
  });

  it('names a wrong pipeline in one line', async () => {
    codePipeline.on(StartPipelineExecutionCommand).rejects(
      new PipelineNotFoundException({
        message: 'The account with id ... does not include a pipeline',
        $metadata: {},
      }),
    );
    await expect(rollback({ pipelineName: 'no-such-pipeline' })).rejects.toThrow(
      new RollbackError(
        'pipeline "no-such-pipeline" not found in ap-northeast-1 (check --pipeline, --region or appName in cdk.json)',
      ),
    );
  });

  it('says when there are no credentials', async () => {
    const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    codePipeline.on(StartPipelineExecutionCommand).rejects(noCredentials);
    await expect(rollback()).rejects.toThrow(/^no usable AWS credentials for the toolchain account/);
  });

  it('starts nothing when the tag is missing', async () => {
    await expect(rollback({ tag: 'v404' })).rejects.toThrow('tag "v404" not found');
    expect(codePipeline.calls()).toHaveLength(0);
  });
});

describe('npm run rollback (bin/rollback.ts)', () => {
  function rollbackCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        join(repoRoot, 'node_modules/.bin/tsx'),
        [join(repoRoot, 'bin/rollback.ts'), ...args],
        {
          cwd: repo,
          // No credentials anywhere: no keys, no profile files, no instance metadata.
          env: {
            PATH: process.env.PATH ?? '',
            HOME: repo,
            AWS_SHARED_CREDENTIALS_FILE: join(repo, 'none'),
            AWS_CONFIG_FILE: join(repo, 'none'),
            AWS_EC2_METADATA_DISABLED: 'true',
          },
          timeout: 30_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
  }

  it('prints one line without a stack trace for a missing tag argument, exit status 2', async () => {
    const result = await rollbackCommand([]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^rollback: missing tag; usage: npm run rollback -- <tag> .* \(--help explains\)$/,
      ),
    ]);
  });

  it('prints one line without a stack trace for a tag that does not exist', async () => {
    const result = await rollbackCommand(['v404', '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'rollback: tag "v404" not found (run "git fetch --tags", or list tags with "git tag")',
    );
  });

  it('prints one line without a stack trace when there are no AWS credentials', async () => {
    const result = await rollbackCommand(['v1.0.0', '--yes']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`tag v1.0.0 is commit ${releaseCommit}`);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^rollback: no usable AWS credentials for the toolchain account/),
    ]);
  });
});
