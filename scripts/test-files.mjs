// The test files no suite of `npm test` runs (scripts/test.mjs). node --test takes from a suite's
// folder only the files named as its test files (`*.test.mjs`, `*-test.mjs`, `*_test.mjs`,
// `test-*.mjs`, `test.mjs`, any file in a `test` folder; .js and .cjs alike): a file of tests named
// otherwise (`x.spec.mjs`, `x.e2e.mjs`), or put where no suite looks (`test/x.test.mjs`), never ran
// and the run still passed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
  const runs = (file) => named.has(file) || folders.some((f) => file.startsWith(f) && takes(f, file));
  const found = [];
  for (const r of ROOTS) {
    walk(root, r, (path) => {
      if (!SKIPPED.includes(path) && !runs(path) && DEFINES.test(readFileSync(join(root, path), 'utf8'))) found.push(path);
    }, (path) => !SKIPPED.includes(path));
  }
  return found.sort();
}

/**
 * The files node --test takes from `folder` (ending in `/`; relative to `root`, or absolute) by
 * their names, as `folder` followed by their path in it, sorted. The runner names them to node
 * --test itself: Node 22 and 24 refuse a folder (ERR_UNSUPPORTED_DIR_IMPORT, the suite's one failure).
 */
export function testFilesIn(root, folder) {
  const found = [];
  walk(resolve(root, folder), '', (path) => {
    if (takes('', path)) found.push(folder + path);
  });
  return found.sort();
}

// Whether node --test takes `file` from the folder `folder` (`file` starts with it): a file named
// as a test file, or any file below a `test` folder inside `folder`.
const takes = (folder, file) => NAMED.test(file.slice(file.lastIndexOf('/') + 1))
  || /(^|\/)test\//.test(file.slice(folder.length, file.lastIndexOf('/') + 1));

// Calls `found` with the path (`dir/name`, from `base`) of every .js, .cjs and .mjs file below `dir`,
// node_modules left out, and below each folder `enter` agrees to.
function walk(base, dir, found, enter = () => true) {
  let entries;
  try {
    entries = readdirSync(join(base, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = dir ? `${dir}/${e.name}` : e.name;
    if (e.name === 'node_modules') continue;
    if (e.isDirectory()) {
      if (enter(path)) walk(base, path, found, enter);
    } else if (/\.[cm]?js$/.test(e.name)) found(path);
  }
}
