// Lint configuration. The layer rules below are the enforced form of the boundaries in
// DESIGN.md ("Layers and boundaries"): a violation is a lint error, not a review comment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const io = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
];
const spawn = ['child_process', 'node:child_process'];
const sql = ['better-sqlite3', 'kysely'];

/** Builds a no-restricted-imports rule from bare module names and folder globs. */
function restrict({ modules = [], folders = [], message }) {
  return [
    'error',
    {
      paths: modules.map((name) => ({ name, message })),
      patterns: folders.length ? [{ group: folders, message }] : [],
    },
  ];
}

// Pure modules: decisions only. They get their inputs as values and return values.
export const pureFolders = [
  'src/bench/**',
  'src/ecosystems/**',
  'src/export/**',
  'src/inventory/**',
  'src/ledger/**',
  'src/locate/**',
  'src/match/**',
  'src/port/**',
  'src/ship/**',
  'src/verify/**',
  'src/vex/**',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.retrofit/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', 'bench/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', performance: 'readonly' },
    },
  },
  {
    // The process runner and the spawn helper: plain CommonJS for a bare `node`.
    files: ['src/git/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict({
        modules: [...spawn, ...sql],
        message:
          'Only src/git and src/sandbox spawn processes; only src/store speaks SQL (STYLE.md).',
      }),
    },
  },
  {
    files: ['src/git/**/*.ts', 'src/sandbox/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict({
        modules: sql,
        folders: ['**/app/**', '**/cli/**'],
        message: 'git/ and sandbox/ are gateways: no SQL, no use cases (STYLE.md).',
      }),
    },
  },
  {
    files: ['src/store/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict({
        modules: spawn,
        folders: ['**/app/**', '**/cli/**', '**/git/**', '**/sandbox/**'],
        message: 'store/ is the SQL gateway: no processes, no use cases (STYLE.md).',
      }),
    },
  },
  {
    files: pureFolders.map((f) => `${f}/*.ts`),
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict({
        modules: [...io, ...spawn, ...sql],
        folders: [
          '**/app/**',
          '**/cli/**',
          '**/git/**',
          '**/store/**',
          '**/sandbox/**',
          '**/advisories/read*',
        ],
        message: 'Pure modules import no I/O and no gateway; pass values in (STYLE.md).',
      }),
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict({
        modules: [...spawn, ...sql],
        folders: ['**/git/**', '**/store/**', '**/sandbox/**', '**/server/**'],
        message: 'cli/ calls app/ use cases only (STYLE.md).',
      }),
    },
  },
);
