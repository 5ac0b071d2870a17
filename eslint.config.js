// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * The import table of STYLE.md section 2: data flows down. Each entry lists
 * what code in a folder must never import.
 * @param {string[]} patterns
 * @param {string} why
 */
const forbid = (patterns, why) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { patterns: [{ group: patterns, message: why, allowTypeImports: false }] },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'bench/results/**', 'web/dist/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test() returns a promise the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['test', 'describe', 'it', 'suite'], package: 'node:test' },
          ],
        },
      ],
      // Fastify plugins and handlers are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-expressions': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-new': 'error',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/api/**/*.ts'],
    rules: forbid(
      ['**/db/**', 'kysely', '**/telephony/**', '**/workers/**', '**/config.js'],
      'api/ meets storage through core/ and telephony through ports (STYLE.md section 2)',
    ),
  },
  {
    files: ['src/workers/**/*.ts'],
    rules: forbid(
      ['**/api/**', '**/db/**', 'kysely', '**/telephony/**', '**/config.js'],
      'workers/ use core/ only (STYLE.md section 2)',
    ),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: forbid(
      ['**/api/**', '**/workers/**', '**/telephony/**', 'fastify', '**/config.js'],
      'core/ reaches telephony through ports and never sees HTTP (STYLE.md section 2)',
    ),
  },
  {
    files: ['src/scenario/**/*.ts'],
    rules: forbid(
      [
        '**/telephony/**',
        '**/core/**',
        '**/api/**',
        '**/db/**',
        '**/workers/**',
        'kysely',
        'fastify',
        '**/config.js',
      ],
      'the scenario engine drives CallPort and injected services only (DESIGN.md)',
    ),
  },
  {
    files: ['src/telephony/**/*.ts'],
    rules: forbid(
      ['**/api/**', '**/core/**', '**/db/**', '**/workers/**', 'kysely', 'fastify', '**/config.js'],
      'telephony knows only errors.ts and the CallPort type (STYLE.md section 2)',
    ),
  },
  {
    files: ['src/db/**/*.ts'],
    rules: forbid(
      [
        '**/api/**',
        '**/core/**',
        '**/scenario/**',
        '**/telephony/**',
        '**/workers/**',
        '**/cli/**',
        'fastify',
        '**/config.js',
      ],
      'db/ is the bottom layer (STYLE.md section 2)',
    ),
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
