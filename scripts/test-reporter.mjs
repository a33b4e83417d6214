// node:test reporter for `npm test` (scripts/test.mjs): a dot per test while the suite runs, one line
// per test file at the end, then every failure in full (its path, the error with its stack, and the
// output of its file). Passes stay brief: no per-test lines, no output of passing files.
// Counts go to the JSON file named by UCB_TEST_COUNTS (the runner adds them up); without it the
// reporter ends with its own `N passed, N failed, N skipped` line.
// A node:test reporter must be the module's default export.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { inspect } from 'node:util';

const WIDTH = 80;
// The runner's closing diagnostics ("tests 12", "pass 12"...): the runner prints its own totals.
const TOTALS = /^(tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) [\d.]+$/;

const rel = (file) => (file ? relative(process.cwd(), file.startsWith('file:') ? new URL(file).pathname : file) : '(no file)');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const indent = (text, pad = '    ') => String(text).replace(/\n$/, '').split('\n').map((l) => pad + l).join('\n');

function describeError(error) {
  if (!error) return 'failed (no error given)';
  // node:test wraps what the test threw: the cause is the real error (an AssertionError with its diff).
  const thrown = error.failureType === 'testCodeFailure' || error.failureType === 'hookFailed' ? error.cause ?? error : error;
  let text = thrown instanceof Error || typeof thrown === 'object' ? inspect(thrown, { depth: 8, colors: false, breakLength: 100 }) : String(thrown);
  // The test runner's own frames say nothing about the failure.
  const kept = [];
  for (const line of text.split('\n')) {
    if (!/^\s+at .*\((node:internal\/|node:async_hooks)/.test(line)) kept.push(line);
    else if (line.endsWith(' {') && kept.length) kept[kept.length - 1] += ' {'; // inspect's opening of the error's properties
  }
  text = kept.join('\n');
  if (error.exitCode !== undefined && error.exitCode !== null) text += ` (the file exited with code ${error.exitCode}; its output is below)`;
  return error.failureType && error.failureType !== 'testCodeFailure' ? `[${error.failureType}] ${text}` : text;
}

export default async function* briefReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const files = new Map(); // file -> { passed, failed, skipped, ms, output: [] }
  const names = new Map(); // file -> names of the tests being run, by nesting
  const failures = [];
  let column = 0;
  const fileOf = (file) => {
    const key = rel(file);
    if (!files.has(key)) files.set(key, { passed: 0, failed: 0, skipped: 0, ms: 0, output: [] });
    return files.get(key);
  };
  const dot = (c) => {
    column = (column + 1) % WIDTH;
    return column === 0 ? `${c}\n` : c;
  };

  // Node 24 and later end a test at its time limit but not its file: a handle the test left open
  // (a stalled server, a timer) keeps the file's process, and the run, alive for ever (Node 20 and
  // 22 end it). Once a test has timed out, a whole time limit with no event from any file means only
  // hung files are left: the run ends here, with that failure, and the runner ends what is left.
  const limit = Number(process.env.UCB_TEST_TIMEOUT_MS) || 300_000;
  const events = source[Symbol.asyncIterator]();
  let timedOut = false;
  let hung = false;
  for (;;) {
    let stall;
    const next = events.next();
    const item = timedOut
      ? await Promise.race([next, new Promise((resolve) => { stall = setTimeout(resolve, limit, 'stalled'); })])
      : await next;
    clearTimeout(stall);
    if (item === 'stalled') {
      hung = true;
      break;
    }
    if (item.done) break;
    const { type, data } = item.value;
    if (type === 'test:fail' && data.details?.error?.failureType === 'testTimeoutFailure') timedOut = true;
    switch (type) {
      case 'test:start': {
        const path = names.get(data.file) ?? [];
        path.length = data.nesting;
        path.push(data.name);
        names.set(data.file, path);
        break;
      }
      case 'test:pass':
      case 'test:fail': {
        const f = fileOf(data.file);
        f.ran = true;
        if (data.nesting === 0) f.ms += data.details?.duration_ms ?? 0;
        // A file that reported no test of its own passes as one test named after it: none ran (a
        // loop over an empty list, a process.exit(0) before its results were out). Counted below.
        if (type === 'test:pass' && data.nesting === 0 && data.file && rel(data.name) === rel(data.file)) break;
        // describe() blocks are not tests; their tests are counted one by one. A skipped one reports
        // none of its tests: it counts as one skipped.
        if (data.details?.type === 'suite' && type === 'test:pass') {
          if (data.skip === undefined && data.todo === undefined) break;
          counts.skipped += 1;
          f.skipped += 1;
          yield dot('s');
          break;
        }
        if (type === 'test:pass' && (data.skip !== undefined || data.todo !== undefined)) {
          counts.skipped += 1;
          f.skipped += 1;
          yield dot('s');
          break;
        }
        if (type === 'test:pass') {
          counts.passed += 1;
          f.passed += 1;
          yield dot('.');
          break;
        }
        const error = data.details?.error;
        // A parent whose only failure is its subtests': the subtests are reported.
        if (error?.failureType === 'subtestsFailed') break;
        counts.failed += 1;
        f.failed += 1;
        const path = [...(names.get(data.file) ?? []).slice(0, data.nesting), data.name];
        failures.push({ file: rel(data.file), line: data.line, path, ms: data.details?.duration_ms ?? 0, error });
        yield dot('F');
        break;
      }
      case 'test:stdout':
      case 'test:stderr':
        fileOf(data.file).output.push(data.message);
        break;
      case 'test:diagnostic':
        if (!TOTALS.test(data.message)) fileOf(data.file).output.push(`# ${data.message}\n`);
        break;
      default:
        break;
    }
  }

  // A file whose tests all went missing would otherwise pass: it fails, as a test of its own.
  for (const [file, f] of files) {
    if (!f.ran || f.passed + f.failed + f.skipped > 0) continue;
    counts.failed += 1;
    f.failed += 1;
    failures.push({ file, path: [file], ms: f.ms, error: 'the file ran no test: none was defined, or its process exited before it reported any' });
  }
  if (column !== 0) yield '\n';
  for (const [file, f] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (f.passed + f.failed + f.skipped === 0 && f.output.length === 0) continue;
    const mark = f.failed ? '✖' : '✔';
    const extra = [f.failed && `${f.failed} failed`, f.skipped && `${f.skipped} skipped`].filter(Boolean).join(', ');
    yield `${mark} ${file}: ${f.passed} passed${extra ? `, ${extra}` : ''} (${seconds(f.ms)})\n`;
  }
  for (const [i, fail] of failures.entries()) {
    yield `\n✖ FAIL ${i + 1}/${failures.length}  ${fail.file}${fail.line ? `:${fail.line}` : ''}\n  ${fail.path.join(' › ')} (${seconds(fail.ms)})\n`;
    yield `${indent(describeError(fail.error))}\n`;
  }
  for (const file of new Set(failures.map((f) => f.file))) {
    const output = files.get(file)?.output.join('') ?? '';
    if (output.trim()) yield `\n── output of ${file} ──\n${output.replace(/\n?$/, '\n')}`;
  }
  // Its timed-out test is its failure (counted above).
  if (hung) yield `\n✖ a test timed out and its file did not end: nothing reported for ${seconds(limit)} after, so the run stopped there\n`;
  if (process.env.UCB_TEST_COUNTS) {
    writeFileSync(process.env.UCB_TEST_COUNTS, JSON.stringify(counts));
  } else {
    yield `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`;
  }
  if (hung) {
    // The hung file's process holds node --test open: it ends once what was yielded is written. Not
    // by returning: node:test's stream ends with an AbortError when its reporter ends before its events.
    setTimeout(() => process.exit(1), 200);
    await new Promise(() => {});
  }
}
