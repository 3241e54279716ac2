// Jest global setup: the run's tests get a temp folder of their own (TMPDIR, which the
// workers inherit and os.tmpdir() reads), so that whatever a test leaves there is found
// by test/setup/temp-folder-check.js instead of piling up in the system's temp folder.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stateful-service-jest-'));
  process.env.STATEFUL_SERVICE_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
  process.env.TMP = dir;
  process.env.TEMP = dir;
};
