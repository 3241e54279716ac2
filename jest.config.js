/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Inside the project, not os.tmpdir(): a test run leaves nothing in the system's temp folder.
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  // Two workers on two cores: the end-to-end tests mostly wait on child processes.
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup/validate-every-synth.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Examples import the library by its package name, as a consumer would.
  moduleNameMapper: { '^cdk8s-stateful-service$': '<rootDir>/src/index.ts' },
  transform: { '^.+\\.ts$': '<rootDir>/tools/jest-transform.js' },
};
