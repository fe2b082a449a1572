/** Powertools tracer (X-Ray). It turns itself off outside Lambda, so local runs need no AWS. */
import { Tracer } from '@aws-lambda-powertools/tracer';

export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'goal-mandala-api' });
