/**
 * Item 1 of issue 13, proved offline: the real goals handler (tRPC's Lambda adapter, the real routers, an
 * embedded database) answers a server error, and the EMF line it prints carries exactly the metric the
 * synthesized canary alarm (namespace, name, dimensions) and the standing fault alarm watch. Answers the
 * client caused (400, 401, 404) print no fault at all.
 */
import { Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestStages } from '../../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';
import { apiEvent, lambdaContext } from './events.js';

interface AlarmProperties {
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: unknown }[];
}

interface EmfLine {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

/** What the template says: the goals function's canary fault alarm, standing alarm and environment. */
let canaryAlarm: AlarmProperties;
let standingAlarm: AlarmProperties;
let serviceName: string;
let versionResource: { Type: string; Properties: { FunctionName: unknown } };
let goalsFunctionId: string;

let db: TestDatabase;
let handler: (event: ReturnType<typeof apiEvent>, context: typeof lambdaContext) => Promise<unknown>;
let token: string;
const DEPLOYED_VERSION = '7';

beforeAll(async () => {
  const { staging, template } = buildTestStages();
  const goals = staging.api.functions.find((f) => f.name === 'goals')!;
  const api = template(staging.api).toJSON().Resources as Record<string, { Type: string; Properties: never }>;
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    Stack.of(construct as never).getLogicalId(construct.node.defaultChild as never);
  goalsFunctionId = id(goals.function as never);
  canaryAlarm = api[id(goals.faultAlarm as cloudwatch.Alarm)]!.Properties;
  const versionRef = canaryAlarm.Dimensions.find((d) => d.Name === 'FunctionVersion')!.Value as {
    'Fn::GetAtt': [string, string];
  };
  versionResource = api[versionRef['Fn::GetAtt'][0]]!;
  serviceName = (api[goalsFunctionId]!.Properties as { Environment: { Variables: Record<string, string> } })
    .Environment.Variables.POWERTOOLS_SERVICE_NAME!;
  standingAlarm = staging.observability.alarms['api-goals-faults']!.node.defaultChild as never;
  standingAlarm = (
    template(staging.observability).toJSON().Resources as Record<string, { Properties: AlarmProperties }>
  )[Stack.of(staging.observability).getLogicalId(standingAlarm as never)]!.Properties;

  // The function's environment as Lambda gives it: its service name, its version behind `live`.
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.DB_POOL_MAX = String(db.real ? 4 : 1);
  process.env.AWS_LAMBDA_FUNCTION_NAME = 'Staging-Api-GoalFunction';
  process.env.AWS_LAMBDA_FUNCTION_VERSION = DEPLOYED_VERSION;
  process.env.POWERTOOLS_SERVICE_NAME = serviceName;
  process.env.POWERTOOLS_TRACE_ENABLED = 'false';
  delete process.env.POWERTOOLS_METRICS_DISABLED;
  const { logger } = await import('../../../services/shared/logger.js');
  logger.setLogLevel('SILENT');
  handler = (await import('../../../services/api/handlers/goals.js')).handler as typeof handler;
  const auth = (await import('../../../services/api/handlers/auth.js')).handler as typeof handler;
  const signUp = (await auth(
    apiEvent({
      service: 'auth',
      procedure: 'signUp',
      body: JSON.stringify({ email: 'fault@example.com', password: 'password123', name: 'F' }),
    }),
    lambdaContext,
  )) as APIGatewayProxyResult;
  token = JSON.parse(signUp.body).result.data.accessToken;
}, 120_000);

afterAll(async () => {
  const { closePool } = await import('../../../services/db/pool.js');
  await closePool();
  await db?.close();
  for (const name of [
    'DATABASE_URL',
    'DB_POOL_MAX',
    'AWS_LAMBDA_FUNCTION_NAME',
    'AWS_LAMBDA_FUNCTION_VERSION',
    'POWERTOOLS_SERVICE_NAME',
    'POWERTOOLS_TRACE_ENABLED',
  ]) {
    delete process.env[name];
  }
});

afterEach(() => vi.restoreAllMocks());

/** Calls the handler and returns its answer and the EMF lines with a ServerFault it printed. */
async function callCapturingFaults(
  opts: Parameters<typeof apiEvent>[0],
): Promise<{ status: number; faults: EmfLine[] }> {
  const printed: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  const answer = (await handler(apiEvent(opts), lambdaContext)) as APIGatewayProxyResult;
  vi.restoreAllMocks();
  const faults = printed
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{') && line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine)
    .filter((line) =>
      line._aws.CloudWatchMetrics.some((m) => m.Metrics.some((x) => x.Name === 'ServerFault')),
    );
  return { status: answer.statusCode, faults };
}

/** True when the EMF line publishes the alarm's metric: same namespace, name, dimension names and values. */
function publishes(line: EmfLine, alarm: AlarmProperties, values: Record<string, string>): boolean {
  const names = alarm.Dimensions.map((d) => d.Name).sort();
  return line._aws.CloudWatchMetrics.some(
    (m) =>
      m.Namespace === alarm.Namespace &&
      m.Metrics.some((x) => x.Name === alarm.MetricName) &&
      m.Dimensions.some((set) => JSON.stringify([...set].sort()) === JSON.stringify(names)) &&
      names.every((name) => line[name] === values[name]),
  );
}

describe('ServerFault: the metric the canary alarms watch', () => {
  it('the template pins the canary alarm to the goals function’s new version and its service name', () => {
    expect(versionResource.Type).toBe('AWS::Lambda::Version');
    expect(versionResource.Properties.FunctionName).toEqual({ Ref: goalsFunctionId });
    expect(canaryAlarm.Dimensions).toContainEqual({ Name: 'service', Value: serviceName });
    expect(standingAlarm.Dimensions).toEqual([{ Name: 'service', Value: serviceName }]);
  });

  it('a procedure that fails with a 500 emits one ServerFault for its version and one across versions', async () => {
    // A schema the code does not expect: the query fails and the handler answers 500 (no throw).
    await db.ownerPool.query('ALTER TABLE goals RENAME TO goals_moved');
    const pool = db.ownerPool;
    try {
      const { status, faults } = await callCapturingFaults({ service: 'goals', procedure: 'list', token });
      expect(status).toBe(500);
      expect(faults).toHaveLength(1);
      const values = { service: serviceName, FunctionVersion: DEPLOYED_VERSION };
      expect(publishes(faults[0]!, canaryAlarm, values)).toBe(true);
      expect(publishes(faults[0]!, standingAlarm, values)).toBe(true);
      expect(faults[0]!.ServerFault).toBe(1);
    } finally {
      await pool.query('ALTER TABLE goals_moved RENAME TO goals');
    }
  });

  it('a database outage (503) counts too', async () => {
    await db.goAway();
    try {
      const { status, faults } = await callCapturingFaults({ service: 'goals', procedure: 'list', token });
      expect(status).toBe(503);
      expect(faults).toHaveLength(1);
      expect(publishes(faults[0]!, canaryAlarm, { service: serviceName, FunctionVersion: '7' })).toBe(true);
    } finally {
      await db.comeBack();
    }
  });

  it.each([
    ['400 bad input', { procedure: 'create', body: '{"title":"x","deadline":"soon"}', token: true }, 400],
    ['401 no token', { procedure: 'list' }, 401],
    [
      '404 another user’s or a missing goal',
      { procedure: 'get', input: { goalId: crypto.randomUUID() }, token: true },
      404,
    ],
    ['404 no such procedure', { procedure: 'nothingHere', token: true }, 404],
  ] as const)('%s does not count', async (_, call, expected) => {
    const { status, faults } = await callCapturingFaults({
      service: 'goals',
      procedure: call.procedure,
      ...('body' in call ? { body: call.body } : {}),
      ...('input' in call ? { input: call.input } : {}),
      ...('token' in call ? { token } : {}),
    });
    expect(status).toBe(expected);
    expect(faults).toEqual([]);
  });

  it('a success does not count', async () => {
    const { status, faults } = await callCapturingFaults({ service: 'goals', procedure: 'list', token });
    expect(status).toBe(200);
    expect(faults).toEqual([]);
  });
});
