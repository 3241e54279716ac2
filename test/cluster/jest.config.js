// The suites that run on the test control plane (`npm run test:cluster`, which starts the
// cluster, runs these in band and stops it). Not part of `npm test`: their files end in
// .cluster-test.ts, which the unit suites' testMatch does not take.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  cacheDirectory: '<rootDir>/node_modules/.cache/jest-cluster',
  roots: ['<rootDir>/test/cluster/suites'],
  testMatch: ['**/*.cluster-test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^cdk8s-stateful-service$': '<rootDir>/src/index.ts' },
  transform: { '^.+\\.ts$': '<rootDir>/tools/jest-transform.js' },
  // Steps wait on controllers: a StatefulSet of three takes seconds, a loaded machine more.
  testTimeout: 600_000,
};
