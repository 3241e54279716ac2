import * as fs from 'fs';
import * as path from 'path';

// API.md is generated from the jsii assembly (.jsii) that `npm test` compiles.
const root = path.resolve(__dirname, '..', '..');

test('API.md is what jsii-docgen makes of the assembly (run `npm run docs` after an API change)', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderApiMd } = require('../../tools/api-docs.js');
  expect(fs.readFileSync(path.join(root, 'API.md'), 'utf-8')).toBe(await renderApiMd(root));
}, 30_000);
