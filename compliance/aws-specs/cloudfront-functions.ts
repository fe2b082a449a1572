/**
 * Every CloudFront Function's code, as CloudFront will get it (ids filled in by CloudFormation stand in),
 * parses as JavaScript and defines a top-level `handler`, the function CloudFront calls on each event.
 */
import ts from 'typescript';
import type { Finding } from './finding.js';
import type { Assembly } from './private/assembly.js';

export function checkCloudFrontFunctions(assembly: Assembly): Finding[] {
  const findings: Finding[] = [];
  for (const stack of assembly.stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (resource.Type !== 'AWS::CloudFront::Function') continue;
      const code = assembly.resolve(stack, resource.Properties?.FunctionCode);
      if (typeof code !== 'string') continue;
      const report = (message: string) =>
        findings.push({
          severity: 'error',
          check: 'cloudfront-function',
          template: stack.file,
          logicalId,
          path: 'Properties.FunctionCode',
          message,
        });
      const { diagnostics = [] } = ts.transpileModule(code, {
        reportDiagnostics: true,
        compilerOptions: { allowJs: true, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2020 },
        fileName: 'function.js',
      });
      for (const diagnostic of diagnostics) {
        const { line } = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0) ?? { line: 0 };
        report(
          `does not parse: line ${line + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
        );
      }
      if (diagnostics.length === 0 && !definesHandler(code)) {
        report('defines no top-level `handler` (function or variable): CloudFront calls handler(event)');
      }
    }
  }
  return findings;
}

function definesHandler(code: string): boolean {
  const source = ts.createSourceFile('function.js', code, ts.ScriptTarget.ES2020, false, ts.ScriptKind.JS);
  return source.statements.some(
    (statement) =>
      (ts.isFunctionDeclaration(statement) && statement.name?.text === 'handler') ||
      (ts.isVariableStatement(statement) &&
        statement.declarationList.declarations.some(
          (declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === 'handler',
        )),
  );
}
