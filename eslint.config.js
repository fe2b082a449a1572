// One linter for the whole tree. It also holds the layers to one direction: bin → pipeline → stages → services,
// compliance beside the pipeline (only bin imports it); services/ is runtime code and never imports CDK.
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
              ['stages', 'pipeline', 'compliance', 'bin'],
              'services/ is runtime code: it never imports stages/, pipeline/, compliance/ or bin/.',
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
              ['pipeline', 'compliance', 'bin'],
              'stages/ is below the pipeline: it never imports pipeline/, compliance/ or bin/.',
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
              ['compliance', 'bin'],
              'pipeline/ never imports compliance/ (bin/ registers it) or bin/ (entry points only).',
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
        { patterns: [layerImport(['bin'], 'bin/ holds entry points only: nothing imports it.')] },
      ],
    },
  },
);
