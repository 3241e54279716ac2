// The integration suites (`npm run test:integration`): the packed tarball in a consumer
// project, the shell scripts, the documentation's samples, the fuzzer and property tests,
// the command lines as processes, the schemas against ajv.
const unit = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...unit,
  // The end-to-end suites mostly wait on child processes.
  roots: ['<rootDir>/test/integration'],
  testPathIgnorePatterns: ['/node_modules/'],
};
