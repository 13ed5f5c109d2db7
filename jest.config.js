/** Two environments: Node for the engine, adapters and CLI; jsdom for the task pane. */
const transform = { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
    },
    {
      displayName: 'pane',
      testEnvironment: 'jsdom',
      transform,
      testMatch: ['<rootDir>/test/**/*.test.tsx'],
    },
  ],
  globalSetup: '<rootDir>/test/support/globalSetup.js',
  testTimeout: 120000,
};
