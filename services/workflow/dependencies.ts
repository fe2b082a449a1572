/**
 * What the workflow's steps need from the world, handed in by their entry: each handler module builds its
 * own part from the Lambda environment (the pool from DB_SECRET_ARN, the model from BEDROCK_MODEL_ID); the
 * local runner (local/workflow/) hands in the local stack's pool and its local model endpoint.
 */
import type { ModelSettings } from './model/bedrock.js';
import type { Database } from './store.js';

export interface WorkflowDependencies {
  readonly db: Database;
  /** Read on first use: a step that never calls the model needs no model settings. */
  readonly model: () => ModelSettings;
}
