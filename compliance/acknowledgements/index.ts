import type { IConstruct } from 'constructs';
import { ChangeReviewAccessStack } from '../../pipeline/change-review-access-stack.js';
import { PipelineStack } from '../../pipeline/pipeline-stack.js';
import { ApiStack } from '../../stages/api-stack.js';
import { DataStack } from '../../stages/data-stack.js';
import { EdgeStack } from '../../stages/edge-stack.js';
import { NetworkStack } from '../../stages/network-stack.js';
import { ObservabilityStack } from '../../stages/observability-stack.js';
import { WorkflowStack } from '../../stages/workflow-stack.js';
import { acknowledgeApiStack } from './api-stack.js';
import { acknowledgeChangeReviewAccessStack } from './change-review-access-stack.js';
import { acknowledgeDataStack } from './data-stack.js';
import { acknowledgeEdgeStack } from './edge-stack.js';
import { acknowledgeNetworkStack } from './network-stack.js';
import { acknowledgeObservabilityStack } from './observability-stack.js';
import { acknowledgePipelineStack } from './pipeline-stack.js';
import { acknowledgeWorkflowStack } from './workflow-stack.js';

/**
 * Applies each stack's reviewed acknowledgements (one file per stack in this folder) to every
 * instance of that stack in the tree: both stages' stacks, and the pipeline stack.
 */
export function acknowledgeFindings(root: IConstruct): void {
  for (const construct of root.node.findAll()) {
    if (construct instanceof NetworkStack) acknowledgeNetworkStack(construct);
    else if (construct instanceof DataStack) acknowledgeDataStack(construct);
    else if (construct instanceof WorkflowStack) acknowledgeWorkflowStack(construct);
    else if (construct instanceof ApiStack) acknowledgeApiStack(construct);
    else if (construct instanceof EdgeStack) acknowledgeEdgeStack(construct);
    else if (construct instanceof ObservabilityStack) acknowledgeObservabilityStack(construct);
    else if (construct instanceof PipelineStack) acknowledgePipelineStack(construct);
    else if (construct instanceof ChangeReviewAccessStack) acknowledgeChangeReviewAccessStack(construct);
  }
}
