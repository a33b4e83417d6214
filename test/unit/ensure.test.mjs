// scripts/ensure.mjs (run before npm test, demo and bench): npm ci when node_modules is missing or
// older than package-lock.json and installed from another one (a pull that changed the packages), and
// not otherwise (a checkout that only touched the lockfile's date). Run in a
// scratch folder with a stand-in `npm` first on PATH that records its arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENSURE = fileURLToPath(new URL('../../scripts/ensure.mjs', import.meta.url));

/** Runs ensure.mjs in a scratch folder set up by `setup(dir)`; returns the npm commands it ran. */
function npmRuns(setup, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ensure-'));
  try {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "$*" >> "${join(dir, 'npm.log')}"\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    writeFileSync(join(dir, 'package-lock.json'), '{}');
    setup(dir);
    execFileSync(process.execPath, [ENSURE], { cwd: dir, env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}` }, stdio: 'pipe' });
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
  assert.deepEqual(npmRuns(() => {}), ['ci --include=dev --no-audit --no-fund']);
});

test('NODE_ENV=production (a server\'s shell) still installs the devDependencies the build, demo and tests run on', () => {
  // npm ci omits them under NODE_ENV=production: rollup, eslint and playwright-core were missing.
  assert.deepEqual(npmRuns(() => {}, { NODE_ENV: 'production' }), ['ci --include=dev --no-audit --no-fund']);
});

test('packages installed after the lockfile was written: nothing is run', () => {
  assert.deepEqual(npmRuns((dir) => installedAt(dir, new Date('2026-12-01'), new Date('2026-12-02'))), []);
});

test('a lockfile newer than the last install (a pull that changed it) runs npm ci once', () => {
  assert.deepEqual(npmRuns((dir) => installedAt(dir, new Date('2026-12-03'), new Date('2026-12-02'))), ['ci --include=dev --no-audit --no-fund']);
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
    assert.deepEqual(npmRuns((dir) => later(dir, lockfile(packages), record)), ['ci --include=dev --no-audit --no-fund'], JSON.stringify(packages));
  }
});

// A CI matrix or an env file leaves a browser's variable set but empty (`CHROMIUM_PATH=`): .ci/run
// takes that as unset (`${CHROMIUM_PATH:-/usr/bin/chromium}`), and so must the scripts. Taken as a
// path, '' sent Playwright to a browser download it never made ("run npx playwright install") and
// had ensure.mjs reinstall Chromium with apt on every npm test.
const EMPTY = { CHROMIUM_PATH: '', FIREFOX_PATH: '', WEBKIT_DRIVER_PATH: '', WEBKIT_MINIBROWSER_PATH: '' };
const UNSET = Object.fromEntries(Object.entries(process.env).filter(([k]) => !Object.hasOwn(EMPTY, k)));

test('browser paths set but empty are the default paths, as .ci/run takes them', () => {
  const paths = (env) => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', `
    const i = await import(${JSON.stringify(new URL('../../e2e/engines/installed.mjs', import.meta.url).href)});
    const b = await import(${JSON.stringify(new URL('../../bench/lib/browser.mjs', import.meta.url).href)});
    console.log(JSON.stringify([b.CHROMIUM, i.FIREFOX, i.WEBKIT_DRIVER, i.MINIBROWSER]));`], { env, encoding: 'utf8' }));
  const defaults = paths(UNSET);
  assert.ok(defaults.every((p) => p.startsWith('/usr/')), String(defaults));
  assert.deepEqual(paths({ ...UNSET, ...EMPTY }), defaults);
});

test('ensure --browser with CHROMIUM_PATH empty and Chromium at /usr/bin/chromium: nothing installed, no error', (t) => {
  if (!existsSync('/usr/bin/chromium')) return t.skip('no /usr/bin/chromium on this machine');
  const dir = mkdtempSync(join(tmpdir(), 'ensure-'));
  try {
    // Installed as locked (no npm ci), and an apt-get that records its arguments.
    installedAt(dir, new Date('2026-12-01'), new Date('2026-12-02'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'apt-get'), `#!/bin/sh\necho "$*" >> "${join(dir, 'apt.log')}"\n`);
    chmodSync(join(bin, 'apt-get'), 0o755);
    const r = spawnSync(process.execPath, [ENSURE, '--browser'], { cwd: dir, env: { ...UNSET, ...EMPTY, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(existsSync(join(dir, 'apt.log')) ? readFileSync(join(dir, 'apt.log'), 'utf8') : '', '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
