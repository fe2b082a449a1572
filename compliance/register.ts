import { type App, Validations } from 'aws-cdk-lib';
import { acknowledgeFindings } from './acknowledgements/index.js';
import { type CompliancePacksProps, compliancePacks } from './packs.js';

/**
 * Registers the compliance packs on the app so `cdk synth` fails on any unacknowledged finding,
 * in the pipeline stack and in every stack of every stage (plugins on the app see nested stages).
 *
 * Acknowledgements are applied once the whole tree exists (the app's own validation runs after
 * every stage is built and before the plugins), so they can find the constructs they concern.
 * `props` are values of the app's configuration, parsed once by the entry point.
 */
export function registerCompliance(app: App, props: CompliancePacksProps): void {
  Validations.of(app).addPlugins(...compliancePacks(app, props));
  let applied = false;
  app.node.addValidation({
    validate: () => {
      if (!applied) acknowledgeFindings(app);
      applied = true;
      return [];
    },
  });
}
