// Lint: typescript-eslint's recommended rules on src/, plain recommended rules on the JS around it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'bench/results/**', 'test/fixtures/**', '.tmp/**', 'playwright-report/**'] },
  js.configs.recommended,
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        ...globals.browser, ...globals.node,
        Porthole: 'readonly', UContactBridge: 'readonly', CryptoJS: 'readonly', captureLog: 'readonly', captureSecret: 'readonly',
      },
    },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  {
    // The simulator's page scripts are classic scripts: their top-level functions are globals.
    files: ['demo/forms/**/*.js', 'demo/portal/**/*.js'],
    languageOptions: { sourceType: 'script' },
    rules: { 'no-unused-vars': ['error', { vars: 'local', caughtErrors: 'none' }] },
  },
);
