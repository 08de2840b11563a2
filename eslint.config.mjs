// Flat config: typescript-eslint's recommended rules plus the project's own boundaries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test-output/**', '*.vsix', 'media/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    // Type information (the tsconfig.json project) for the rules that need it: a promise nobody awaits, an async
    // callback where VS Code or Node expects a plain one, `await` on a non-promise, a switch that forgets a case.
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Only the VS Code adapters and activate() may touch the vscode API at runtime. The registries of command
    // ids and context values are read by unit tests, outside VS Code.
    files: [
      'src/core/**/*.ts',
      'src/aws/**/*.ts',
      'src/sandbox/**/*.ts',
      'src/cli.ts',
      'src/cli/**/*.ts',
      'agent/**/*.ts',
      'src/vscode/commands/commandIds.ts',
      'src/vscode/trees/contextValues.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Only src/vscode and src/extension.ts may import vscode.' }] },
      ],
    },
  },
  {
    // Webview code runs in the page (a browser), and the protocol files are shared by the page and the host:
    // neither vscode nor Node can be there.
    files: ['media/**/*.ts', 'src/vscode/**/protocol.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Webviews and protocol files run in the page: no vscode API.' }],
          patterns: [
            { group: ['node:*'], message: 'Webviews and protocol files run in the page: no Node APIs.' },
            { group: ['**/core/**', '**/aws/**'], message: 'The page bundle gets its data from the host.' },
          ],
        },
      ],
    },
  },
  {
    // The pure core must not reach AWS either.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is pure.' }],
          patterns: [{ group: ['@aws-sdk/*', '@smithy/*'], message: 'src/core is pure: AWS lives in src/aws.' }],
        },
      ],
    },
  },
  {
    // Loading the AWS SDK packages costs most of a start-up and ~60 MB for EC2 alone (bench): their values come
    // through src/aws/ec2Sdk.ts and src/aws/sdk.ts, loaded on first use. Type imports are free.
    files: ['src/**/*.ts', 'agent/**/*.ts'],
    ignores: ['src/aws/ec2Sdk.ts', 'src/aws/sdk.ts', 'src/aws/sdkPackages.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@aws-sdk/client-ec2',
              allowTypeImports: true,
              message: 'Use ec2Sdk() from src/aws/ec2Sdk.ts (lazy) for values; `import type` is fine.',
            },
            ...[
              'client-s3',
              'client-cloudwatch-logs',
              'client-sts',
              'credential-providers',
              'lib-storage',
              'client-sfn',
              'client-cloudformation',
              'client-pricing',
            ].map((p) => ({
              name: `@aws-sdk/${p}`,
              allowTypeImports: true,
              message: 'Use the lazy accessors of src/aws/sdk.ts for values; `import type` is fine.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
