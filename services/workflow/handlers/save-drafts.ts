/** Step `SaveDrafts`: one transaction filling only still-empty cells, then the job is succeeded. */
import { getPool } from '../../db/pool.js';
import { logger, withLambdaContext } from '../../shared/logger.js';
import type { WorkflowDependencies } from '../dependencies.js';
import type { DraftedJobState } from '../workflow-state.js';
import { saveDrafts, type SavedDrafts } from '../store.js';

export function saveDraftsStep({ db }: Pick<WorkflowDependencies, 'db'>) {
  return withLambdaContext(async (state: DraftedJobState): Promise<{ jobId: string; saved: SavedDrafts }> => {
    const saved = await saveDrafts(db, state);
    logger.info('ai job succeeded', { jobId: state.jobId, ...saved });
    return { jobId: state.jobId, saved };
  });
}

export const handler = saveDraftsStep({ db: getPool });
