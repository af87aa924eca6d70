// Type-aware linting for the TypeScript sources; the layer rules keep src/core pure and src/azure editor-free.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', 'demo/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['vscode'], message: 'src/core is pure: no vscode.' },
        { group: ['@azure/*'], message: 'src/core is pure: no Azure SDK.' },
        { group: ['**/azure/**', '**/vscode/**', '**/cli/**'], message: 'src/core depends on nothing outside it.' },
      ]),
    },
  },
  {
    files: ['src/azure/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['vscode'], message: 'src/azure never imports vscode.' },
        { group: ['**/vscode/**', '**/cli/**'], message: 'src/azure depends only on core.' },
      ]),
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-console': 'off',
      'no-restricted-imports': restrict([
        { group: ['vscode', '@azure/*', '**/azure/**', '**/vscode/**'], message: 'the CLI uses only core.' },
      ]),
    },
  },
  {
    // azs-usage signs in to a stamp: core and src/azure, never vscode.
    files: ['src/cli/azs-usage.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['vscode', '**/vscode/**'], message: 'azs-usage uses core and azure, never vscode.' },
      ]),
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2024 },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
  {
    files: ['media/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, acquireVsCodeApi: 'readonly' } },
  },
  {
    files: ['test/host-fixtures/**/*.js'],
    languageOptions: { globals: { ...globals.mocha } },
  },
);
