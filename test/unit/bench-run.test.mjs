// `npm run bench` (bench/run.mjs) as a script or CI step sees it: a part that could not be measured
// fails the run (exit 1) instead of printing ERROR and exiting 0, and a misspelt part is refused
// before the latest results are overwritten with an empty run. Runs a copy of bench/ in a scratch
// folder (the packages and scripts linked), so this checkout's bench/results is never touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function scratch(t) {
  const dir = mkdtempSync(join(tmpdir(), 'ucb-bench-run-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(ROOT, 'bench'), join(dir, 'bench'), { recursive: true, filter: (src) => !src.includes(`${join('bench', 'results')}`) });
  for (const name of ['node_modules', 'scripts', 'src']) symlinkSync(join(ROOT, name), join(dir, name), 'dir');
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  return dir;
}

const bench = (dir, ...args) => spawnSync(process.execPath, [join(dir, 'bench/run.mjs'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });

test('bench: a misspelt part is refused, and the latest results stay as they were', (t) => {
  const dir = scratch(t);
  mkdirSync(join(dir, 'bench/results'));
  writeFileSync(join(dir, 'bench/results/latest.txt'), 'the last real run\n');
  const out = bench(dir, '--only=sizes');
  assert.equal(out.status, 2, out.stdout + out.stderr);
  assert.match(out.stderr, /unknown 'sizes'/);
  assert.equal(readFileSync(join(dir, 'bench/results/latest.txt'), 'utf8'), 'the last real run\n');
  assert.equal(existsSync(join(dir, 'bench/results/latest.json')), false);
});

test('bench: a part that could not be measured makes the run exit 1, after writing what it has', (t) => {
  const dir = scratch(t);
  // A build that stopped half way: the entries the size part waits for, but not the others.
  mkdirSync(join(dir, 'dist'));
  for (const f of ['index.js', 'cti.js', 'http.js']) writeFileSync(join(dir, 'dist', f), '');
  const out = bench(dir, '--only=size');
  assert.match(out.stdout, /size: ERROR .*missing: run `npm run build` first/);
  assert.equal(out.status, 1, out.stdout + out.stderr);
  assert.match(out.stderr, /1 part\(s\) not measured:\n {2}size: /);
  const written = JSON.parse(readFileSync(join(dir, 'bench/results/latest.json'), 'utf8'));
  assert.equal(written.failures.length, 1);
  assert.match(written.parts.size.error, /missing/);
});
