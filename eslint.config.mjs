// Lint: typescript-eslint's recommended rules on src/, plain recommended rules on the JS around it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'bench/results/**', 'test/fixtures/**'] },
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
        window: 'readonly', document: 'readonly', location: 'readonly', console: 'readonly', process: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        URL: 'readonly', URLSearchParams: 'readonly', fetch: 'readonly', Buffer: 'readonly', performance: 'readonly',
        localStorage: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly',
        TextDecoder: 'readonly', Response: 'readonly', Request: 'readonly', Headers: 'readonly', FormData: 'readonly',
        MessageEvent: 'readonly', EventTarget: 'readonly', Event: 'readonly', structuredClone: 'readonly',
        queueMicrotask: 'readonly', crypto: 'readonly', globalThis: 'readonly', btoa: 'readonly', atob: 'readonly',
        Porthole: 'readonly', UContactBridge: 'readonly', CryptoJS: 'readonly', navigator: 'readonly', alert: 'readonly',
      },
    },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
);
