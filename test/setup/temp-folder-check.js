// Jest global teardown: the run's temp folder (test/setup/temp-folder.js) must be empty.
// It is removed either way; what a test left is named, and fails the run.
'use strict';
const fs = require('fs');

module.exports = () => {
  const dir = process.env.STATEFUL_SERVICE_TEST_TMPDIR;
  if (!dir) return;
  const left = fs.readdirSync(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  if (left.length > 0) {
    throw new Error(
      `tests left ${left.length} entries in the temp folder (remove what a test makes, e.g. with test/fixtures/temp-dir.ts): ${left.join(', ')}`,
    );
  }
};
