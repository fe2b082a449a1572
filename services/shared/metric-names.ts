/**
 * Names of the custom metrics the services emit, shared with the stacks that alarm on them (the api
 * stack's canary alarms, the observability stack, the production bake). Pure data: no runtime imports.
 */

/** CloudWatch namespace of every Powertools metric of the app. */
export const METRICS_NAMESPACE = 'GoalMandala';

/**
 * One count per API answer with a 5xx status (a tRPC handler that answers 500 returns normally, so
 * Lambda's `Errors` never sees it). Emitted under two dimension sets: per function and version (what a
 * canary judges: only the new version's answers) and per function across versions (the standing alarm).
 */
export const SERVER_FAULT_METRIC = {
  name: 'ServerFault',
  /** Powertools' default dimension: the function's `POWERTOOLS_SERVICE_NAME`. */
  serviceDimension: 'service',
  /** The Lambda version that answered (`AWS_LAMBDA_FUNCTION_VERSION`, a number behind the `live` alias). */
  versionDimension: 'FunctionVersion',
} as const;
