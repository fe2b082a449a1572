// One linter for the whole tree. It also holds the layers to one direction: bin → pipeline → stages → services,
// compliance beside the pipeline (only bin imports it); services/ is runtime code and never imports CDK;
// local/ (the local stack) is a leaf beside bin/ that only bin/ and tests import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** An import of one of these top-level folders (by a relative path from a folder beside it). */
const layerImport = (folders, message) => ({
  regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`,
  message,
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', '**/dist/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['services/**'],
    rules: {
      // zod's named `z` export is the whole namespace as one value: esbuild must keep every locale and
      // helper (+360 KB per Lambda bundle). `import * as z from 'zod'` tree-shakes.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message:
            "Use `import * as z from 'zod'`: the named `z` import defeats tree-shaking (+360 KB per bundle).",
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag'],
              message: 'services/ is runtime code: no CDK imports.',
            },
            layerImport(
              ['stages', 'pipeline', 'compliance', 'bin', 'local'],
              'services/ is runtime code: it never imports stages/, pipeline/, compliance/, bin/ or local/.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['stages/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layerImport(
              ['pipeline', 'compliance', 'bin', 'local'],
              'stages/ is below the pipeline: it never imports pipeline/, compliance/, bin/ or local/ (the local stack).',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['pipeline/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layerImport(
              ['compliance', 'bin', 'local'],
              'pipeline/ never imports compliance/ (bin/ registers it), bin/ (entry points only) or local/.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['compliance/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layerImport(['bin'], 'bin/ holds entry points only: nothing imports it.'),
            layerImport(['local'], 'compliance/ never imports local/ (the local stack).'),
          ],
        },
      ],
    },
  },
  {
    // The local stack composes the runtime services with local stand-ins; it is a leaf nothing deployed
    // imports, and like the services it never loads CDK (bin/workflow-definition.ts synthesizes for it).
    files: ['local/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag'],
              message: 'local/ runs the services: no CDK imports (bin/workflow-definition.ts synthesizes).',
            },
            layerImport(
              ['stages', 'pipeline', 'compliance', 'bin'],
              'local/ imports services/ only: it never imports stages/, pipeline/, compliance/ or bin/.',
            ),
          ],
        },
      ],
    },
  },
);
