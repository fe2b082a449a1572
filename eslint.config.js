// One linter for the whole tree. Runtime code under services/ must never import aws-cdk-lib.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
          ],
        },
      ],
    },
  },
);
