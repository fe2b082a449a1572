/** Step `SaveDrafts`: one transaction filling only still-empty cells, then the job is succeeded. */
import { logger, withLambdaContext } from '../../shared/logger.js';
import type { DraftedJobState } from '../workflow-state.js';
import { saveDrafts, type SavedDrafts } from '../store.js';

export const handler = withLambdaContext(
  async (state: DraftedJobState): Promise<{ jobId: string; saved: SavedDrafts }> => {
    const saved = await saveDrafts(state);
    logger.info('ai job succeeded', { jobId: state.jobId, ...saved });
    return { jobId: state.jobId, saved };
  },
);
