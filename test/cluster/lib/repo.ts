// The checkout's root, found from this file's folder upwards: the harness also runs bundled
// (tools/run-ts.js writes the bundle under node_modules/.cache), so __dirname alone is not it.
import * as fs from 'fs';
import * as path from 'path';

function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'test', 'cluster', 'modules')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no checkout with test/cluster/modules above ${__dirname}`);
  }
}

export const REPO_ROOT = findRoot();
