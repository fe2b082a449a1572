/**
 * Every Step Functions state machine's definition (`DefinitionString`, `Definition`), with the template's
 * substitutions filled in, is valid Amazon States Language by `asl-validator`: states that exist for
 * every `Next`, `Default` and `StartAt`, a terminal state, fields of the right type.
 */
import aslValidator from 'asl-validator';
import type { Finding } from './finding.js';
import type { Assembly } from './private/assembly.js';

export function checkStateMachines(assembly: Assembly): Finding[] {
  const findings: Finding[] = [];
  for (const stack of assembly.stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (resource.Type !== 'AWS::StepFunctions::StateMachine') continue;
      const report = (path: string, message: string) =>
        findings.push({
          severity: 'error',
          check: 'state-machine',
          template: stack.file,
          logicalId,
          path,
          message,
        });
      const properties = assembly.resolve(stack, resource.Properties ?? {}) as {
        DefinitionString?: unknown;
        Definition?: unknown;
        DefinitionSubstitutions?: Record<string, unknown>;
      };
      const path =
        properties.Definition !== undefined ? 'Properties.Definition' : 'Properties.DefinitionString';
      const written =
        properties.Definition !== undefined
          ? JSON.stringify(properties.Definition)
          : properties.DefinitionString;
      if (typeof written !== 'string') {
        if (properties.DefinitionString === undefined && properties.Definition === undefined) continue; // DefinitionS3Location
        report(path, 'the definition does not resolve to text');
        continue;
      }
      let text = written;
      for (const [name, value] of Object.entries(properties.DefinitionSubstitutions ?? {})) {
        text = text.replaceAll(`\${${name}}`, String(value));
      }
      let definition: unknown;
      try {
        definition = JSON.parse(text);
      } catch (error) {
        report(path, `not JSON: ${(error as Error).message}`);
        continue;
      }
      const result = aslValidator(definition as never);
      if (!result.isValid) {
        for (const error of result.errors as unknown as { 'Error code'?: string; Message?: string }[]) {
          report(
            path,
            `Amazon States Language ${error['Error code'] ?? ''}: ${error.Message ?? JSON.stringify(error)}`,
          );
        }
      }
    }
  }
  return findings;
}
