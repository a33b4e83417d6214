// `npm test`: every suite in order, a line per suite, then one line for the whole run,
// `N passed, N failed, N skipped`, alone and last. Exits 1 when anything failed.
//   node scripts/test.mjs                  every suite (npm test)
//   node scripts/test.mjs unit browser     some suites (npm run test:unit is `node scripts/test.mjs unit`)
//   node scripts/test.mjs unit test/unit/portal-wire.test.mjs   one suite, some of its files
//   --verbose                              node's spec reporter and every command's output
// Every test and test file has a time limit (TEST_TIMEOUT_MS below; UCB_TEST_TIMEOUT_MS overrides it).
// A suite that fails does not stop the run; the suites that need its output are skipped (counted
// as skipped). Tests are counted one by one; lint, types and build count one each.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, ENGINE_SUITES, engineMissing } from '../e2e/engines/installed.mjs';
import { testFilesIn, unrunTestFiles } from './test-files.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPORTER = fileURLToPath(new URL('./test-reporter.mjs', import.meta.url));

/**
 * The suites of `npm test`, in order. `npm`: an npm script, one check. `tests`: node:test files or
 * folders, run with `args` and `env`. `needs`: suites whose failure in the same run skips this one.
 * Adding a suite is one line here.
 */
const SUITES = [
  { name: 'lint', npm: 'lint' },
  { name: 'types', npm: 'typecheck' },
  { name: 'build', npm: 'build' },
  // The public surface of every entry, compiled against the built declarations (misspelled options
  // must stay compile errors: test/types/).
  { name: 'typetests', npm: 'test:types', needs: ['build'] },
  // A zone that is not UTC (UTC-3, as Uruguay, home of uContact): a test that only holds on a UTC
  // machine fails here rather than on a user's.
  { name: 'unit', tests: ['test/unit/'], args: ['--import', './test/support/capture.mjs'], env: { TZ: 'America/Montevideo' }, needs: ['build'] },
  // The library in real Firefox and WebKit (Debian's firefox-esr, WebKitGTK), each file when its
  // engine is installed (e2e/engines/installed.mjs; counted skipped, with a note, when not). The two
  // run alongside the unit suite and each other, the three ending together (about 300 s each): the
  // unit suite mostly waits on its servers' delays and timers, the browsers on their pages, and
  // together they keep the two cores about 85 % busy (measured 2026-12-06). `engines` names both.
  ...Object.entries(ENGINE_SUITES).map(([name, tests]) => ({ name, tests, args: ['--test-concurrency=1'], needs: ['build'], alongside: 'unit', group: 'engines' })),
  // Two files at a time: with one, its Chromium's waits (timeouts, late windows, reloads) leave
  // about a third of the two cores idle; a second file fills them (measured: 477 s one at a time,
  // 346-412 s two at a time, the cores about 86 % busy by vmstat). Beside the unit suite as well, it slowed everything
  // and a Firefox file passed its 300 s limit. Each file has its own browser and servers (port 0).
  { name: 'browser', tests: ['e2e/'], args: ['--test-concurrency=2'], needs: ['build'] },
  { name: 'pack', tests: ['test/pack/'], needs: ['build'] },
  // Last: it reads what the unit and browser suites captured.
  { name: 'secrets', tests: ['test/secrets-check.test.mjs'], needs: ['build'] },
];
// The suites that record log events and errors for the secrets check (test-results/captured/).
const CAPTURING = ['unit', 'browser'];

// The limit of each test and of each test file as a whole (node runs a file as one test): one that
// hangs with a handle open (a stalled server, a timer) fails the run instead of holding it until
// CI's own limit. The slowest file, the Firefox engine suite (e2e/engines/firefox.mjs), takes about
// 170-200 s on the development machine (2 cores) beside the unit tests: 600 s leaves room for a CI
// machine three times slower. UCB_TEST_TIMEOUT_MS overrides the limit (the runner's own test sets a
// short one).
const TEST_TIMEOUT_MS = Number(process.env.UCB_TEST_TIMEOUT_MS) || 600_000;

// Ctrl-C (SIGINT to the whole process group) or a cancel (SIGTERM to this runner alone): the running
// command and everything it started (its own process group: node --test's files too) get the signal,
// the run stops once it has ended, and its temporary folder goes.
let interrupted;
// The commands running (two while a suite runs alongside another).
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted ??= signal;
    for (const child of running) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // it has just ended
      }
    }
  });
}

// Chromium makes its singleton socket in TMPDIR (this run's folder, below) and exits ("Socket path
// too long") when the socket's path passes 107 bytes: under a long TMPDIR (a CI workspace's) every
// browser test failed to launch. The run's folder is then made in /tmp.
const SOCKET_ROOM = 107 - '/ucb-test-XXXXXX/org.chromium.Chromium.XXXXXX/SingletonSocket'.length;

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const write = (text) => process.stdout.write(text);

function parseArgs(argv) {
  const verbose = argv.includes('--verbose');
  const rest = argv.filter((a) => a !== '--verbose');
  const unknown = rest.filter((a) => a.startsWith('-'));
  if (unknown.length) throw new Error(`unknown option ${unknown[0]}`);
  const picked = rest.filter((a) => SUITES.some((s) => s.name === a || s.group === a));
  const files = rest.filter((a) => !picked.includes(a));
  let suites = picked.length ? SUITES.filter((s) => picked.includes(s.name) || picked.includes(s.group)) : SUITES;
  // A group's files run in the suite that has them (`engines e2e/engines/webkit.mjs`).
  if (files.length && suites.length > 1 && suites.every((s) => s.group && s.group === suites[0].group)) {
    suites = suites.filter((s) => files.some((f) => s.tests.includes(f)));
  }
  if (files.length && (suites.length !== 1 || !suites[0].tests)) {
    throw new Error(`files (${files.join(' ')}) need exactly one test suite: ${SUITES.filter((s) => s.tests).map((s) => s.name).join(', ')}`);
  }
  return { verbose, suites, files };
}

/** Runs a command; resolves to its exit code and, unless streamed, its combined output. */
function run(cmd, args, { env = {}, stream }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    let output = '';
    const take = (chunk) => (stream ? process.stdout.write(chunk) : (output += chunk));
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (e) => resolve({ code: 127, output: `${output}${e.message}\n` }));
    child.on('close', (code, signal) => {
      running.delete(child);
      // What it left running (a hung test file node --test gave up on) goes with it.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // nothing left
      }
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

async function runNpmSuite(suite, { verbose }) {
  const { code, output } = await run('npm', ['run', suite.npm, '--silent'], { stream: verbose });
  // A check's output only matters when it fails: then all of it.
  if (code !== 0 && !verbose) write(output.replace(/\n?$/, '\n'));
  return code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
}

async function runTestSuite(suite, { verbose, files }, stream = true) {
  // Files of an engine that is not installed are left out, each counted skipped with a note.
  const absent = suite.group === 'engines' ? (files.length ? files : suite.tests).filter((f) => engineMissing(f)) : [];
  const notes = absent.map((f) => `${ENGINES[f].name} is not installed (${engineMissing(f)}): ${f} skipped; apt-get install -y ${ENGINES[f].packages.join(' ')}`);
  const chosen = (files.length ? files : suite.tests).filter((f) => !absent.includes(f));
  // A folder's test files, named one by one: node --test in Node 22 and 24 refuses a folder.
  const named = chosen.flatMap((f) => (f.endsWith('/') ? testFilesIn(ROOT, f) : [f]));
  if (!chosen.length) {
    const text = notes.map((n) => `- ${n}\n`).join('');
    if (stream) write(text);
    return { passed: 0, failed: 0, skipped: absent.length, output: stream ? '' : text };
  }
  if (!named.length) {
    // Not run: node --test given no file runs every test file below the current folder.
    const text = `✖ ${suite.name}: no test ran (no test file in ${chosen.join(' ')})\n`;
    if (stream) write(text);
    return { passed: 0, failed: 1, skipped: absent.length, output: stream ? '' : text };
  }
  const dir = mkdtempSync(join(Buffer.byteLength(tmpdir()) <= SOCKET_ROOM ? tmpdir() : '/tmp', 'ucb-test-'));
  const countsFile = join(dir, 'counts.json');
  try {
    // --verbose: our reporter's dots to a file of the run's folder, not to /dev/null: Node 24 and 26
    // fsync a reporter's file when the run ends, which a device refuses (EINVAL): every suite failed.
    const reporters = verbose
      ? ['--test-reporter=spec', '--test-reporter-destination=stdout', `--test-reporter=${REPORTER}`, `--test-reporter-destination=${join(dir, 'dots.txt')}`]
      : [`--test-reporter=${REPORTER}`, '--test-reporter-destination=stdout'];
    const { code, output } = await run(process.execPath, ['--test', `--test-timeout=${TEST_TIMEOUT_MS}`, ...reporters, ...(suite.args ?? []), ...named], {
      // The tests' temporary folders (Chromium's profiles, Playwright's) in this one, removed below
      // even when a test file is killed (its time limit, Ctrl-C) before it cleans up. No FORCE_COLOR
      // (a CI runner's): the tests read what their child processes print, colored with it.
      env: { ...suite.env, UCB_TEST_COUNTS: countsFile, TMPDIR: dir, FORCE_COLOR: undefined },
      stream,
    });
    let counts;
    try {
      counts = JSON.parse(readFileSync(countsFile, 'utf8'));
    } catch {
      counts = { passed: 0, failed: 0, skipped: 0 };
    }
    let text = `${output}${notes.map((n) => `- ${n}\n`).join('')}`;
    // The runner itself failed (a crash, a reporter error, no test file found): that is a failure too.
    if (code !== 0 && counts.failed === 0 && !interrupted) {
      text += `✖ ${suite.name}: node --test exited with code ${code} without a failing test\n`;
      counts.failed = 1;
    } else if (code === 0 && counts.passed + counts.failed + counts.skipped === 0 && !interrupted) {
      // A run that counted nothing (a reporter that lost its counts) passed nothing.
      text += `✖ ${suite.name}: no test ran (no test file in ${chosen.join(' ')})\n`;
      counts.failed = 1;
    }
    if (stream) write(text);
    return { ...counts, skipped: counts.skipped + absent.length, output: stream ? '' : text };
  } finally {
    // Chromium, killed with its test file, may still be writing its profile here for a moment.
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 10 });
    } catch (e) {
      write(`(could not remove ${dir}: ${e.code})\n`);
    }
  }
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`scripts/test.mjs: ${e.message}\n`);
    process.exitCode = 2;
    return;
  }
  const { suites } = options;
  const names = suites.map((s) => s.name);
  const clearCaptured = names.includes('secrets') && names.some((n) => CAPTURING.includes(n));
  const results = [];
  const failed = new Set();

  // A file of tests that no suite runs (named otherwise than node --test's test files, or outside
  // every suite's folder) fails the run that has a test suite in it, before the suites run.
  if (suites.some((s) => s.tests)) {
    const unrun = unrunTestFiles(ROOT, SUITES);
    if (unrun.length) {
      write(`\n✖ test files that no suite runs (name them *.test.mjs in a suite's folder, or list them in scripts/test.mjs):\n${unrun.map((f) => `  ${f}\n`).join('')}`);
      results.push({ suite: { name: 'test files' }, passed: 0, failed: 1, skipped: 0 });
    }
  }
  const blockedBy = (suite) => (suite.needs ?? []).filter((n) => failed.has(n));
  const labelOf = (suite) => (suite.env?.TZ ? `${suite.name} (TZ=${suite.env.TZ})` : suite.name);
  /** Runs a suite that goes alongside another: quietly, its output printed once it has ended. */
  const quietly = async (suite) => {
    const start = performance.now();
    const counts = await runTestSuite(suite, options, false);
    return { suite, ...counts, ms: performance.now() - start, label: labelOf(suite) };
  };
  for (const suite of suites) {
    if (interrupted) break;
    // Run with the suite it goes alongside, when that one is in this run.
    if (suite.alongside && names.includes(suite.alongside)) continue;
    const skip = (s, blocked) => results.push({ suite: s, passed: 0, failed: 0, skipped: 1, note: `skipped: ${blocked.join(', ')} failed` });
    const partners = [];
    for (const s of suites.filter((p) => p.alongside === suite.name)) {
      if (blockedBy(s).length) skip(s, blockedBy(s));
      else partners.push(s);
    }
    const blocked = blockedBy(suite);
    if (blocked.length) {
      skip(suite, blocked);
      for (const s of partners) skip(s, blocked);
      continue;
    }
    const label = labelOf(suite);
    write(`\n▶ ${label}${partners.length ? ` (${partners.map((s) => s.name).join(', ')} alongside: printed after it)` : ''}\n`);
    if (clearCaptured && suite.name === suites.find((s) => CAPTURING.includes(s.name)).name) {
      rmSync(join(ROOT, 'test-results/captured'), { recursive: true, force: true });
    }
    const beside = partners.map(quietly);
    const start = performance.now();
    const counts = suite.npm ? await runNpmSuite(suite, options) : await runTestSuite(suite, options);
    const ms = performance.now() - start;
    if (counts.failed) failed.add(suite.name);
    results.push({ suite, ...counts, ms, label });
    for (const r of await Promise.all(beside)) {
      write(`\n▶ ${r.label} (ran alongside ${suite.name})\n${r.output}`);
      if (r.failed) failed.add(r.suite.name);
      results.push(r);
    }
  }

  if (interrupted) {
    write(`\n${interrupted}: the run was stopped\n`);
    process.exitCode = 128 + constants.signals[interrupted];
    return;
  }
  const total = { passed: 0, failed: 0, skipped: 0 };
  write('\n── summary ──\n');
  const width = Math.max(...results.map((r) => (r.label ?? r.suite.name).length));
  for (const r of results) {
    for (const k of Object.keys(total)) total[k] += r[k];
    const mark = r.failed ? '✖' : r.note ? '-' : '✔';
    const what = r.note ?? [`${r.passed} passed`, r.failed && `${r.failed} failed`, r.skipped && `${r.skipped} skipped`].filter(Boolean).join(', ');
    write(`${mark} ${(r.label ?? r.suite.name).padEnd(width)}  ${what}${r.ms === undefined ? '' : ` (${seconds(r.ms)})`}\n`);
  }
  // The last line, alone: what CI and a reader look for.
  write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
  process.exitCode = total.failed > 0 ? 1 : 0;
}

await main();
