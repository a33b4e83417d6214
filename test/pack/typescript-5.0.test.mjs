// README: "TypeScript 5.0 or later". The TypeScript projects of the pack suite (installed.mjs: every
// entry type-checked against what it exports, compiled and run; the Node project without the DOM;
// each script tag's global) again, compiled by TypeScript 5.0. Its own file, with its own time limit:
// the pack suite's other file takes most of a minute alone.
//
// 5.0 lives in test/fixtures/ts-5.0, a nested package (not a workspace, not a root dependency: a
// second `typescript` among the root's would have npm link its `tsc` bin, and `npm run build` would
// run it), installed there by this file and run by its path.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, installPackage, run, runOrShow, typeScriptTests } from './installed.mjs';

const TS_5_0 = join(ROOT, 'test/fixtures/ts-5.0');
const TSC_5_0 = join(TS_5_0, 'node_modules/typescript/bin/tsc');

/**
 * Installs test/fixtures/ts-5.0's TypeScript with `npm ci` (it needs the npm registry), unless its
 * node_modules already holds the locked version (npm ci deletes node_modules first, even when nothing changed).
 */
async function installTypeScript50() {
  const locked = JSON.parse(await readFile(join(TS_5_0, 'package-lock.json'), 'utf8')).packages['node_modules/typescript'];
  assert.match(locked.version, /^5\.0\./, 'test/fixtures/ts-5.0 must hold TypeScript 5.0.x, the oldest the README promises');
  const installed = await readFile(join(TS_5_0, 'node_modules/.package-lock.json'), 'utf8')
    .then((t) => JSON.parse(t).packages?.['node_modules/typescript'], () => undefined);
  if (installed?.integrity !== locked.integrity || !existsSync(TSC_5_0)) {
    try {
      await run('npm', ['ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], TS_5_0);
    } catch (e) {
      throw new Error(`could not install TypeScript ${locked.version} into test/fixtures/ts-5.0 (npm ci there needs the npm registry: ` +
        `is the network down?); this file compiles the consumer projects with it (README: "TypeScript 5.0 or later"):\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: e });
    }
  }
  const { stdout } = await runOrShow(process.execPath, [TSC_5_0, '-v'], TS_5_0);
  assert.equal(stdout.trim(), `Version ${locked.version}`);
}

installPackage();

// tsc takes seconds per project: two at a time (the machine has 2 cores).
describe('TypeScript 5.0 (the oldest the README promises)', { concurrency: 2 }, () => {
  before(installTypeScript50);
  const tests = typeScriptTests({
    tsc: TSC_5_0,
    // 5.0 never deprecated node10, and refuses `ignoreDeprecations: '6.0'` (TS5103).
    options: (o) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'ignoreDeprecations')),
  });
  for (const [name, fn] of tests) test(name, fn);
});
