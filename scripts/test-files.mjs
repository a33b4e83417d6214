// The test files no suite of `npm test` runs (scripts/test.mjs). node --test takes from a suite's
// folder only the files named as its test files (`*.test.mjs`, `*-test.mjs`, `*_test.mjs`,
// `test-*.mjs`, `test.mjs`, any file in a `test` folder; .js and .cjs alike): a file of tests named
// otherwise (`x.spec.mjs`, `x.e2e.mjs`), or put where no suite looks (`test/x.test.mjs`), never ran
// and the run still passed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Where test files live; fixtures (the runner's own, which must not run in a suite) are not looked at.
const ROOTS = ['test', 'e2e'];
const SKIPPED = ['test/fixtures', 'node_modules'];
// node:test's default patterns (Node 20 and later).
const NAMED = /(^|[.\-_])test\.[cm]?js$|^test-.+\.[cm]?js$/;
// A file that defines tests: it takes test, it, describe or suite from node:test (not only hooks).
const DEFINES = /import\s*\{[^}]*\b(test|it|describe|suite)\b[^}]*\}\s*from\s*['"]node:test['"]|import\s+\w+\s+from\s*['"]node:test['"]|\{[^}]*\b(test|it|describe|suite)\b[^}]*\}\s*=\s*await\s+import\(\s*['"]node:test['"]\s*\)/;

/**
 * The files under `root`'s test/ and e2e/ that define node:test tests and that none of `suites`
 * runs: a suite runs a file it names, and a file in a folder it names (`dir/`) that node --test
 * takes by its name. Paths relative to `root`, with `/`.
 */
export function unrunTestFiles(root, suites) {
  const named = new Set(suites.flatMap((s) => s.tests ?? []).filter((t) => !t.endsWith('/')));
  const folders = suites.flatMap((s) => s.tests ?? []).filter((t) => t.endsWith('/'));
  const runs = (file) => named.has(file) || folders.some((f) => file.startsWith(f)
    && (NAMED.test(file.slice(file.lastIndexOf('/') + 1)) || /(^|\/)test\//.test(file.slice(f.length, file.lastIndexOf('/') + 1))));
  const found = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = `${dir}/${e.name}`;
      if (SKIPPED.includes(path) || e.name === 'node_modules') continue;
      if (e.isDirectory()) walk(path);
      else if (/\.[cm]?js$/.test(e.name) && !runs(path) && DEFINES.test(readFileSync(join(root, path), 'utf8'))) found.push(path);
    }
  };
  for (const r of ROOTS) walk(r);
  return found.sort();
}
