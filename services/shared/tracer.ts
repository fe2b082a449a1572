/**
 * Powertools tracer (X-Ray) on Lambda; anywhere else a stand-in that records nothing. Loading the X-Ray SDK
 * installs async hooks that slow every promise in the process, so local runs and tests never load it.
 * POWERTOOLS_TRACE_ENABLED=false turns it off on Lambda too.
 */
import type { Tracer } from '@aws-lambda-powertools/tracer';

const tracing =
  Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME) && process.env.POWERTOOLS_TRACE_ENABLED !== 'false';

/** The part of Tracer the services use, doing nothing. */
const noTracing = {
  isTracingEnabled: () => false,
  captureAWSv3Client: <T>(client: T): T => client,
  getSegment: () => undefined,
  setSegment: () => undefined,
} as unknown as Tracer;

export const tracer: Tracer = tracing
  ? new (await import('@aws-lambda-powertools/tracer')).Tracer({
      serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'goal-mandala-api',
    })
  : noTracing;
