import { type App, Validations } from 'aws-cdk-lib';
import { CONTEXT_KEY, parseConfig } from '../pipeline/config.js';
import { acknowledgeFindings } from './acknowledgements/index.js';
import { compliancePacks } from './packs.js';

/**
 * Registers the compliance packs on the app so `cdk synth` fails on any unacknowledged finding,
 * in the pipeline stack and in every stack of every stage (plugins on the app see nested stages).
 *
 * Acknowledgements are applied once the whole tree exists (the app's own validation runs after
 * every stage is built and before the plugins), so they can find the constructs they concern.
 */
export function registerCompliance(app: App): void {
  const { backupWindowUtc } = parseConfig(app.node.tryGetContext(CONTEXT_KEY));
  Validations.of(app).addPlugins(...compliancePacks(app, { backupWindowUtc }));
  let applied = false;
  app.node.addValidation({
    validate: () => {
      if (!applied) acknowledgeFindings(app);
      applied = true;
      return [];
    },
  });
}
