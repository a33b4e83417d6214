// scripts/test.mjs (npm test) gives every test a time limit: a test that hangs with a handle open
// fails the run instead of holding CI until its own limit. The limit is UCB_TEST_TIMEOUT_MS
// (default 600000: the slowest file, the Firefox engine suite, takes about 200 s on the development machine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unrunTestFiles } from '../../scripts/test-files.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// The runner as a developer starts it, not as a child of this runner: node:test marks its children
// with NODE_TEST_CONTEXT (then a child reports to its parent, not as a run of its own).
function ownEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.NODE_TEST_CONTEXT;
  return env;
}
const runner = (args, env = ownEnv()) => spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });

test('a hanging test fails the run at the per-test limit', () => {
  const started = Date.now();
  const run = runner(['scripts/test.mjs', 'pack', 'test/fixtures/runner/hangs.mjs'], ownEnv({ UCB_TEST_TIMEOUT_MS: '1500' }));
  assert.equal(run.signal, null, 'the run ended by itself');
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /0 passed, 1 failed/);
  assert.ok(Date.now() - started < 30_000);
});

// A file that ran no test passed as one test (node:test reports such a file as a passing test named
// after it), so a loop over an empty list, or a process.exit(0), left the run green with nothing tested.
for (const fixture of ['no-tests', 'empty-describe', 'exits-early']) {
  test(`a test file that ran no test (${fixture}) fails the run`, () => {
    const run = runner(['scripts/test.mjs', 'pack', `test/fixtures/runner/${fixture}.mjs`]);
    assert.equal(run.status, 1, run.stdout);
    if (fixture === 'exits-early') {
      // Node 20 loses every result of a process that exits (the file ran no test); a later Node
      // may keep the first test's pass and fail the others: failed either way.
      assert.match(run.stdout, /\n\d+ passed, [1-9]\d* failed, 0 skipped\n$/);
      return;
    }
    assert.match(run.stdout, /the file ran no test/);
    assert.match(run.stdout, /\n0 passed, 1 failed, 0 skipped\n$/);
  });
}

test('a describe() skipped as a whole counts as skipped: the run passes and says so', () => {
  const run = runner(['scripts/test.mjs', 'pack', 'test/fixtures/runner/skipped-describe.mjs']);
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /\n0 passed, 0 failed, 1 skipped\n$/);
});

test('a suite whose folder holds no test file fails the run (node --test runs nothing there and exits 0)', () => {
  const empty = mkdtempSync(join(tmpdir(), 'runner-empty-'));
  try {
    const run = runner(['scripts/test.mjs', 'pack', `${empty}/`]);
    assert.equal(run.status, 1, run.stdout);
    assert.match(run.stdout, /✖ pack: no test ran/);
    assert.match(run.stdout, /\n0 passed, 1 failed, 0 skipped\n$/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

// node --test in Node 22 and 24 refuses a folder (ERR_UNSUPPORTED_DIR_IMPORT): npm test, npm run
// test:unit and every suite named by its folder failed at once there, with no test run. The runner
// names the folder's test files itself (here under a preload that makes node --test refuse a folder,
// as those Nodes do, whichever Node runs this test).
test('a suite named by its folder runs the test files in it, on a Node whose node --test refuses a folder', () => {
  const tree = mkdtempSync(join(tmpdir(), 'runner-folder-'));
  const put = (path, text) => {
    mkdirSync(join(tree, path, '..'), { recursive: true });
    writeFileSync(join(tree, path), text);
  };
  try {
    put('a.test.mjs', "import { test } from 'node:test';\ntest('a', () => {});\n");
    put('sub/test/b.mjs', "import { test } from 'node:test';\ntest('b', () => {});\n");
    // Files node --test does not take from a folder: run, they would fail.
    for (const path of ['helper.mjs', 'node_modules/c.test.mjs', 'notes.test.txt']) put(path, "throw new Error('not a test file');\n");
    const run = runner(['--import', './test/fixtures/runner/refuses-folders.mjs', 'scripts/test.mjs', 'pack', `${tree}/`]);
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /\n2 passed, 0 failed, 0 skipped\n$/);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});

test('--verbose passes on a Node whose node --test syncs its reporters\' files (Node 24 and 26: fsync of /dev/null failed the run)', () => {
  const run = runner(['--import', './test/fixtures/runner/fsyncs-destinations.mjs', 'scripts/test.mjs', 'pack', 'test/fixtures/runner/prints-number.mjs', '--verbose']);
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /✔ a child prints a number/); // the spec reporter's line
  assert.match(run.stdout, /\n1 passed, 0 failed, 0 skipped\n$/);
});

// node --test takes only files named as test files from a suite's folder: a file of tests named
// x.spec.mjs or x.e2e.mjs, or put in test/ itself, never ran, and the run passed.
test('a file of tests that no suite runs is named, and fails the run', () => {
  const tree = mkdtempSync(join(tmpdir(), 'runner-tree-'));
  const put = (path, text) => {
    mkdirSync(join(tree, path, '..'), { recursive: true });
    writeFileSync(join(tree, path), text);
  };
  const TESTS = "import { test } from 'node:test';\ntest('t', () => {});\n";
  try {
    for (const path of ['test/unit/a.test.mjs', 'test/unit/sub/test/in-a-test-folder.mjs', 'test/unit/test-b.js', 'e2e/c.e2e.test.mjs',
      'e2e/engines/listed.mjs', 'test/fixtures/runner/fixture.mjs', 'test/only.test.mjs']) put(path, TESTS);
    put('e2e/helpers.mjs', "import { before, after } from 'node:test';\nbefore(() => {});\n");
    put('e2e/engines/late.mjs', "const { test, after } = await import('node:test');\n");
    for (const path of ['test/unit/d.spec.mjs', 'test/unit/helpers/e.mjs', 'e2e/f.e2e.mjs', 'test/g.test.mjs']) put(path, TESTS);
    const suites = [{ name: 'lint', npm: 'lint' }, { tests: ['test/unit/'] }, { tests: ['e2e/engines/listed.mjs'] }, { tests: ['e2e/'] }, { tests: ['test/only.test.mjs'] }];
    assert.deepEqual(unrunTestFiles(tree, suites), ['e2e/engines/late.mjs', 'e2e/f.e2e.mjs', 'test/g.test.mjs', 'test/unit/d.spec.mjs', 'test/unit/helpers/e.mjs']);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
  // The project's own tree has none (a run with a test suite in it checks this first).
  const run = runner(['scripts/test.mjs', 'pack', 'test/fixtures/runner/prints-number.mjs']);
  assert.doesNotMatch(run.stdout, /no suite runs/);
  assert.equal(run.status, 0, run.stdout);
});

// Ctrl-C (SIGINT to the whole process group) or a CI's cancel (SIGTERM to the runner alone) in the
// middle of a browser test: the run stops, and leaves no temporary folder behind, neither its own
// nor what the test and its Chromium made in the temporary folder (profiles, Playwright's folders),
// and no test file or Chromium process left running.
for (const [signal, group] of [['SIGINT', true], ['SIGTERM', false]]) {
  test(`${signal} to ${group ? 'the process group (Ctrl-C)' : 'the runner alone (a CI cancel)'}: the run stops and leaves no temporary folder`, async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'runner-signal-'));
    const temp = join(scratch, 'tmp');
    const ready = join(scratch, 'ready');
    mkdirSync(temp);
    let child;
    // The fixture's process (its pid in `ready`) and every process naming `temp` (its Chromium's profile).
    const left = () => readdirSync('/proc').filter((p) => {
      try {
        return p === readFileSync(ready, 'utf8') || readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(temp);
      } catch {
        return false;
      }
    });
    try {
      child = spawn(process.execPath, ['scripts/test.mjs', 'pack', 'test/fixtures/runner/holds-temp.mjs'], {
        cwd: ROOT, env: ownEnv({ TMPDIR: temp, UCB_FIXTURE_READY: ready }), stdio: 'ignore', detached: true,
      });
      const ended = new Promise((resolve) => child.on('close', (code, sig) => resolve({ code, sig })));
      // The test holds its folder: interrupt then (an event, polled; not a fixed wait).
      for (const end = Date.now() + 30_000; !existsSync(ready); await new Promise((r) => setTimeout(r, 50))) {
        if (Date.now() > end) throw new Error('the fixture never started');
      }
      process.kill(group ? -child.pid : child.pid, signal);
      const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 20_000);
      const { code, sig } = await ended;
      clearTimeout(timer);
      assert.notEqual(sig, 'SIGKILL', 'the run stopped by itself');
      assert.ok(code !== 0, `exit code ${code}`);
      // The test file's process and its Chromium are ending too: they got the signal (polled, at
      // most 10 s). Then nothing is left in the temporary folder.
      for (const end = Date.now() + 10_000; left().length && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(left(), [], 'no test file or Chromium process left');
      assert.deepEqual(readdirSync(temp), []);
    } finally {
      if (child?.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
      for (const p of left()) process.kill(Number(p), 'SIGKILL');
      rmSync(scratch, { recursive: true, force: true });
    }
  });
}

test('FORCE_COLOR in the environment (a CI runner that sets it): the tests read plain output from their child processes', () => {
  // With it, a child's console.log(50) printed '\x1B[33m50\x1B[39m': four unit tests failed.
  const run = runner(['scripts/test.mjs', 'pack', 'test/fixtures/runner/prints-number.mjs'], ownEnv({ FORCE_COLOR: '1' }));
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /1 passed, 0 failed/);
});

test('a long TMPDIR (a CI workspace\'s): the browser tests still start Chromium', () => {
  // Chromium's singleton socket is made in the run's folder, under TMPDIR: past 107 bytes Chromium
  // exited at launch ("Socket path too long") and every browser test failed.
  const scratch = mkdtempSync(join(tmpdir(), 'runner-long-'));
  const long = join(scratch, 'workspace', 'ucontact-bridge-pull-request-1234@tmp');
  mkdirSync(long, { recursive: true });
  try {
    const run = spawnSync(process.execPath, ['scripts/test.mjs', 'pack', 'test/fixtures/runner/launches.mjs'], {
      cwd: ROOT, env: ownEnv({ TMPDIR: long }), encoding: 'utf8', timeout: 120_000,
    });
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /1 passed, 0 failed/);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
