import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'build', 'out', 'coverage', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The engine is pure: tables in, results and an output plan out. No host, no files.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'exceljs', message: 'The engine is pure: ExcelJS belongs in src/xlsx.' },
          { name: 'fs', message: 'The engine is pure: no file I/O.' },
          { name: 'node:fs', message: 'The engine is pure: no file I/O.' },
          { name: 'fs/promises', message: 'The engine is pure: no file I/O.' },
          { name: 'node:fs/promises', message: 'The engine is pure: no file I/O.' },
          { name: 'path', message: 'The engine is pure: no file paths.' },
          { name: 'react', message: 'The engine is pure: UI belongs in src/taskpane.' },
          { name: '@microsoft/office-js', message: 'The engine is pure: Office.js belongs in src/excel.' },
        ],
        patterns: [
          { group: ['node:*'], message: 'The engine is pure: no Node built-ins.' },
          { group: ['**/excel/**', '**/xlsx/**', '**/cli/**', '**/taskpane/**'], message: 'The engine may not import its adapters.' },
        ],
      }],
      'no-restricted-globals': ['error', 'Office', 'Excel', 'OfficeExtension', 'window', 'document', 'process', 'require'],
    },
  },
  {
    // One door to the engine: outside src/engine, only src/engine/index.ts may be imported.
    // The engine's own unit tests (test/engine, the parser fuzzing) reach its parts.
    files: ['src/**/*.ts', 'src/**/*.tsx', 'test/**/*.ts', 'test/**/*.tsx', 'scripts/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/engine/**', 'test/engine/**', 'test/fuzz/parsers.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/engine/*', '!**/engine/index'], message: 'Import the engine through its door, src/engine/index.ts: everything else in src/engine is internal.' }],
      }],
    },
  },
  {
    // Benchmarks measure the product; they do not import the tests (and enter the engine by its door).
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/engine/*', '!**/engine/index'], message: 'Import the engine through its door, src/engine/index.ts: everything else in src/engine is internal.' },
          { group: ['**/test/**'], message: 'Benchmarks do not import tests: shared helpers live in scripts/.' },
        ],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    plugins: { jest },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
