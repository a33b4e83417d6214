// scripts/ensure.mjs (run before npm test, demo and bench): npm ci when node_modules is missing or
// older than package-lock.json and installed from another one (a pull that changed the packages), and
// not otherwise (a checkout that only touched the lockfile's date). Run in a
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

const installedAt = (dir, lockTime, markerTime, lock = '{}', installed = '{}') => {
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package-lock.json'), lock);
  writeFileSync(join(dir, 'node_modules/.package-lock.json'), installed);
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

// A lockfile and npm's record of an install (node_modules/.package-lock.json) in their real shapes.
const lockfile = (packages) => JSON.stringify({ name: 'x', lockfileVersion: 3, requires: true, packages: { '': { name: 'x' }, ...packages } });
const installed = (packages) => JSON.stringify({ name: 'x', lockfileVersion: 3, requires: true, packages });
const pkg = (version, extra = {}) => ({ version, integrity: `sha512-${version}`, ...extra });
const later = (dir, lock, record) => installedAt(dir, new Date('2026-12-03'), new Date('2026-12-02'), lock, record);

test('a lockfile only newer by date (a checkout, a copied node_modules) with the installed packages: nothing is run', () => {
  const lock = lockfile({ 'node_modules/a': pkg('1.0.0'), 'node_modules/b': pkg('2.0.0', { dev: true }) });
  const record = installed({ 'node_modules/a': pkg('1.0.0'), 'node_modules/b': pkg('2.0.0', { dev: true }) });
  assert.deepEqual(npmRuns((dir) => later(dir, lock, record)), []);
});

test("another platform's optional package, absent from the install, is no reason to install", () => {
  const lock = lockfile({ 'node_modules/a': pkg('1.0.0'), 'node_modules/@r/native-darwin': pkg('4.0.0', { optional: true, os: ['darwin'] }) });
  assert.deepEqual(npmRuns((dir) => later(dir, lock, installed({ 'node_modules/a': pkg('1.0.0') }))), []);
});

test('a newer lockfile that changed, added or removed a package runs npm ci', () => {
  const record = installed({ 'node_modules/a': pkg('1.0.0'), 'node_modules/b': pkg('2.0.0') });
  for (const packages of [
    { 'node_modules/a': pkg('1.0.1'), 'node_modules/b': pkg('2.0.0') },
    { 'node_modules/a': { ...pkg('1.0.0'), integrity: 'sha512-other' }, 'node_modules/b': pkg('2.0.0') },
    { 'node_modules/a': pkg('1.0.0'), 'node_modules/b': pkg('2.0.0'), 'node_modules/c': pkg('3.0.0') },
    { 'node_modules/a': pkg('1.0.0') },
  ]) {
    assert.deepEqual(npmRuns((dir) => later(dir, lockfile(packages), record)), ['ci --no-audit --no-fund'], JSON.stringify(packages));
  }
});
