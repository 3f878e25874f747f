import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layering of STYLE.md rule 3, enforced: the core depends on nothing that speaks HTTP, SQL,
// Redis, configuration or the environment.
const coreForbidden = {
  paths: [
    { name: 'fastify', message: 'src/core must not know about HTTP.' },
    { name: 'kysely', message: 'src/core must not know about SQL.' },
    { name: 'pg', message: 'src/core must not know about SQL.' },
    { name: 'node:sqlite', message: 'src/core must not know about SQL.' },
    { name: 'ioredis', message: 'src/core must not know about Redis.' },
    { name: 'pino', message: 'src/core logs through the Logger port.' },
    { name: 'node:http', message: 'src/core must not know about HTTP.' },
    { name: 'node:process', message: 'src/core must not read the environment.' },
  ],
  patterns: [
    { group: ['@fastify/*'], message: 'src/core must not know about HTTP.' },
    {
      group: ['**/http/**', '**/storage/**', '**/ephemeral/**', '**/dialects/**', '**/config/**', '**/admin/**', '**/cli/**', '**/compose.ts'],
      message: 'src/core may import only core, crypto primitives and libraries of the domain.',
    },
  ],
};

export default tseslint.config(
  // test/browser/fixtures holds third-party files kept verbatim (see its NOTICE): not ours to lint.
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'test/browser/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', structuredClone: 'readonly', performance: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', crypto: 'readonly', Response: 'readonly', Request: 'readonly', Headers: 'readonly', btoa: 'readonly', atob: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly', PublicKeyCredential: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Only src/config reads process.env (STYLE.md rule 6).' },
        { selector: 'TSEnumDeclaration', message: 'Erasable syntax only: use a union of literals.' },
        { selector: 'TSModuleDeclaration[declare!=true]', message: 'Erasable syntax only: no namespaces.' },
        { selector: 'TSParameterProperty', message: 'Erasable syntax only: no parameter properties.' },
      ],
    },
  },
  {
    // Tests beside the core compose real services to exercise it; the rule is for the core itself.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', coreForbidden],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core must not touch the process or its environment.' }],
    },
  },
  {
    // The console's plain browser modules (src/admin/console/public/) run in the page.
    files: ['src/admin/console/public/**/*.js'],
    languageOptions: { globals: { location: 'readonly', history: 'readonly', URLSearchParams: 'readonly', Node: 'readonly' } },
  },
  {
    // Configuration is the one place that reads the environment; tests and scripts set it up.
    files: ['src/config/**/*.ts', '**/*.test.ts', 'test/**/*.ts', 'scripts/**', 'bench/**', 'src/testing/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
