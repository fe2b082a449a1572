/** Lambda functions, the REST API and the AI workflow's state machine (with its Bedrock tokens). */
import { GB, line, type Pricer } from '../cost-line.js';
import { PER_UNIT } from '../usage-assumptions.js';

const lambdaFunction: Pricer = (c) => {
  const props = c.resource.Properties ?? {};
  const memoryGb = Number(props.MemorySize ?? 128) / 1024;
  const arm = Array.isArray(props.Architectures) && props.Architectures.includes('arm64');
  const traffic = c.functionInvocations.get(`${c.stack.stackName}/${c.logicalId}`);
  if (!traffic || !c.traffic) {
    return [
      line(
        c,
        'requests and GB-seconds',
        0,
        0,
        'runs only at deploy time or on rare events (rotation, alarms)',
      ),
    ];
  }
  const { invocations, averageMs } = traffic;
  const gbSeconds = invocations * (averageMs / 1000) * memoryGb;
  const compute =
    (invocations / 1e6) * c.price('lambdaRequestsMillion').usd +
    gbSeconds * c.price(arm ? 'lambdaArmGbSecond' : 'lambdaX86GbSecond').usd;
  const logGb = (invocations * PER_UNIT.logBytesPerInvocation) / GB;
  const traced = (props.TracingConfig as { Mode?: string } | undefined)?.Mode === 'Active';
  return [
    line(
      c,
      `requests and GB-seconds (${arm ? 'arm64' : 'x86_64'}, ${props.MemorySize ?? 128} MB)`,
      0,
      compute,
      `${Math.round(invocations)} invocations (${traffic.describe}) × ${averageMs} ms = ${Math.round(gbSeconds)} GB-s`,
    ),
    line(
      c,
      'logs',
      0,
      logGb * c.price('logsIngestGb').usd,
      `${PER_UNIT.logBytesPerInvocation} B per invocation`,
    ),
    ...(traced
      ? [
          line(
            c,
            'X-Ray traces',
            0,
            (invocations / 1e6) * c.price('xrayTracesMillion').usd,
            'one trace per invocation',
          ),
        ]
      : []),
  ];
};

const restApi: Pricer = (c) => {
  const calls = c.traffic?.apiCalls ?? 0;
  const logGb = (calls * PER_UNIT.logBytesPerApiCall) / GB;
  return [
    line(
      c,
      'REST API calls',
      0,
      (calls / 1e6) * c.price('apiGatewayRestMillion').usd,
      `${calls} calls (users × calls per user)`,
    ),
    line(
      c,
      'execution and access logs',
      0,
      logGb * c.price('logsIngestGb').usd,
      `${PER_UNIT.logBytesPerApiCall} B per call`,
    ),
  ];
};

const stateMachine: Pricer = (c) => {
  const drafts = c.traffic?.aiDrafts ?? 0;
  const transitions = drafts * PER_UNIT.stateTransitionsPerDraft;
  const calls = drafts * PER_UNIT.modelCallsPerDraft;
  const tokens =
    ((calls * PER_UNIT.inputTokensPerModelCall) / 1000) * c.price('bedrockHaikuInputThousandTokens').usd +
    ((calls * PER_UNIT.outputTokensPerModelCall) / 1000) * c.price('bedrockHaikuOutputThousandTokens').usd;
  const logged = (c.resource.Properties?.LoggingConfiguration as { Level?: string } | undefined)?.Level;
  const logGb = logged && logged !== 'OFF' ? (transitions * PER_UNIT.logBytesPerStateTransition) / GB : 0;
  return [
    ...(logGb > 0
      ? [
          line(
            c,
            `execution logs (${logged})`,
            0,
            logGb * c.price('logsIngestGb').usd,
            `${PER_UNIT.logBytesPerStateTransition} B per transition`,
          ),
        ]
      : []),
    line(
      c,
      'state transitions (Standard)',
      0,
      (transitions / 1000) * c.price('stepFunctionsTransitionThousand').usd,
      `${drafts} AI drafts × ${PER_UNIT.stateTransitionsPerDraft} transitions`,
    ),
    line(
      c,
      'Bedrock model tokens (priced as Claude 3 Haiku)',
      0,
      tokens,
      `${calls} model calls × ${PER_UNIT.inputTokensPerModelCall} in / ${PER_UNIT.outputTokensPerModelCall} out tokens`,
    ),
  ];
};

export const computePricers: Readonly<Record<string, Pricer>> = {
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::ApiGateway::RestApi': restApi,
  'AWS::StepFunctions::StateMachine': stateMachine,
};
