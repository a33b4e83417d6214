// scripts/ensure.mjs (run before npm test, demo and bench): npm ci when node_modules is missing or
// older than package-lock.json (a pull that changed the packages), and not otherwise. Run in a
// scratch folder with a stand-in `npm` first on PATH that records its arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENSURE = fileURLToPath(new URL('../../scripts/ensure.mjs', import.meta.url));

/** Runs ensure.mjs in a scratch folder set up by `setup(dir)`; returns the npm commands it ran. */
function npmRuns(setup) {
  const dir = mkdtempSync(join(tmpdir(), 'ensure-'));
  try {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "$*" >> "${join(dir, 'npm.log')}"\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    writeFileSync(join(dir, 'package-lock.json'), '{}');
    setup(dir);
    execFileSync(process.execPath, [ENSURE], { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, stdio: 'pipe' });
    const log = join(dir, 'npm.log');
    return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const installedAt = (dir, lockTime, markerTime) => {
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'node_modules/.package-lock.json'), '{}');
  utimesSync(join(dir, 'package-lock.json'), lockTime, lockTime);
  utimesSync(join(dir, 'node_modules/.package-lock.json'), markerTime, markerTime);
};

test('a fresh clone (no node_modules) is installed with npm ci', () => {
  assert.deepEqual(npmRuns(() => {}), ['ci --no-audit --no-fund']);
});

test('packages installed after the lockfile was written: nothing is run', () => {
  assert.deepEqual(npmRuns((dir) => installedAt(dir, new Date('2026-12-01'), new Date('2026-12-02'))), []);
});

test('a lockfile newer than the last install (a pull that changed it) runs npm ci once', () => {
  assert.deepEqual(npmRuns((dir) => installedAt(dir, new Date('2026-12-03'), new Date('2026-12-02'))), ['ci --no-audit --no-fund']);
});
