/**
 * The logger writes Powertools' own layout (function name and ARN, memory size, sampling rate, request id,
 * cold start) and replaces values under sensitive-looking keys, nested ones too.
 */
import type { Context } from 'aws-lambda';
import { afterEach, expect, it, vi } from 'vitest';
import { logger } from '../../../services/shared/logger.js';

const context = {
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  functionName: 'Staging-Api-GoalFunction',
  functionVersion: '7',
  invokedFunctionArn: 'arn:aws:lambda:ap-northeast-1:111111111111:function:Staging-Api-GoalFunction:live',
  memoryLimitInMB: '512',
} as Context;

afterEach(() => {
  vi.restoreAllMocks();
  logger.setLogLevel('SILENT');
});

/** What the logger prints from now on, at INFO, a line per entry. */
function printedLines(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  logger.setLogLevel('INFO');
  return lines;
}

it('writes Powertools’ fields with the invocation’s context, and redacts passwords and tokens', () => {
  const lines = printedLines();
  logger.addContext(context);
  logger.info('signed in', {
    requestId: 'r-1',
    password: 'correct horse',
    nested: { accessToken: 'eyJhbGciOi…', email: 'a@example.com', keys: [{ clientSecret: 's3cr3t-v4lue' }] },
  });
  const line = lines
    .map((text) => JSON.parse(text) as Record<string, unknown>)
    .find((l) => l.message === 'signed in');
  expect(line).toMatchObject({
    level: 'INFO',
    function_name: 'Staging-Api-GoalFunction',
    function_arn: context.invokedFunctionArn,
    function_memory_size: '512',
    function_request_id: context.awsRequestId,
    sampling_rate: 0,
    requestId: 'r-1',
    password: '[redacted]',
    nested: { accessToken: '[redacted]', email: 'a@example.com', keys: [{ clientSecret: '[redacted]' }] },
  });
  expect(lines.join('')).not.toContain('correct horse');
  expect(lines.join('')).not.toContain('eyJhbGciOi');
  expect(lines.join('')).not.toContain('s3cr3t-v4lue');
});

it('redacts in a child logger and in extra arguments too', () => {
  const lines = printedLines();
  logger
    .createChild({ serviceName: 'child' })
    .info('reset requested', { email: 'a@example.com' }, { resetToken: 'tok-123456' });
  const line = JSON.parse(lines.find((text) => text.includes('reset requested'))!) as Record<string, unknown>;
  expect(line).toMatchObject({ service: 'child', email: 'a@example.com', resetToken: '[redacted]' });
  expect(lines.join('')).not.toContain('tok-123456');
});
