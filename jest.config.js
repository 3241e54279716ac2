// The unit suites (`npm test` runs them): in process, no child processes that build or
// install anything. The slow suites are in test/integration/ (jest.integration.config.js,
// `npm run test:integration`); test/cluster/ has a runner of its own.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Inside the project, not os.tmpdir(): a test run leaves nothing in the system's temp folder.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/integration/', '<rootDir>/test/cluster/'],
  globalSetup: '<rootDir>/test/setup/temp-folder.js',
  globalTeardown: '<rootDir>/test/setup/temp-folder-check.js',
  setupFilesAfterEnv: ['<rootDir>/test/setup/validate-every-synth.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Examples import the library by its package name, as a consumer would.
  moduleNameMapper: { '^cdk8s-stateful-service$': '<rootDir>/src/index.ts' },
  transform: { '^.+\\.ts$': '<rootDir>/tools/jest-transform.js' },
};
