// Server rendering and test runners: a Next.js, Nuxt or SvelteKit server imports every entry when
// it loads a page's modules, and jest's jsdom environment (the usual way to test a form) has no
// TextDecoder, TextEncoder, structuredClone or fetch (jsdom/jsdom#2524, jestjs/jest#10431). Loading
// an entry must touch none of them: each entry, through the package's `exports` (ES module and
// CommonJS), is loaded in a child process where those globals are gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRIES = ['ucontact-bridge', 'ucontact-bridge/cti', 'ucontact-bridge/http', 'ucontact-bridge/inbox', 'ucontact-bridge/uphone'];
const GONE = ['TextDecoder', 'TextEncoder', 'structuredClone', 'fetch', 'Blob', 'atob', 'btoa'];

function load(entry, mode) {
  const get = mode === 'esm' ? `await import(${JSON.stringify(entry)})`
    : `(await import('node:module')).createRequire(${JSON.stringify(`${ROOT}package.json`)})(${JSON.stringify(entry)})`;
  const script = `for (const name of ${JSON.stringify(GONE)}) delete globalThis[name];
    const m = ${get};
    console.log(Object.keys(m).length);`;
  // Run from the package root: the package imports itself by its name (Node's self-reference).
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
}

for (const mode of ['esm', 'cjs']) {
  test(`every entry loads (${mode}) where TextDecoder, structuredClone and fetch are missing`, () => {
    for (const entry of ENTRIES) {
      const out = load(entry, mode);
      assert.equal(out.status, 0, `${entry} (${mode}): ${out.stderr.split('\n').find((l) => /Error/.test(l)) ?? out.stderr}`);
      assert.ok(Number(out.stdout.trim()) > 0, entry);
    }
  });
}

// README, FAQ "Tests of a form under jest's jsdom environment": what fails there, and its setup file
// (the README's block, run as written) giving back what those functions need.
test('the README\'s jest setup file gives decryptCti and structuredClone back where jsdom lacks them', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const setup = /```js\n(\/\/ jest\.setup\.js\n[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(setup, 'README has no jest.setup.js block');
  const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/cti/spec-example.json'), 'utf8'));
  const run = (withSetup) => spawnSync(process.execPath, ['-e', `for (const name of ['TextDecoder', 'TextEncoder', 'structuredClone']) delete globalThis[name];
    ${withSetup ? setup : ''}
    const { decryptCti } = require('ucontact-bridge/cti');
    let out;
    try { out = decryptCti(${JSON.stringify(fixture.ciphertext)}, ${JSON.stringify(fixture.passphrase)}).campaign; } catch (e) { out = e.name; }
    console.log(JSON.stringify([out, typeof structuredClone === 'function' && structuredClone({ a: [1] }).a[0]]));`], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  // Without it: the ReferenceError the FAQ names (a typed error would make the FAQ wrong).
  assert.deepEqual(JSON.parse(run(false).stdout), ['ReferenceError', false]);
  const withIt = run(true);
  assert.equal(withIt.status, 0, withIt.stderr);
  assert.deepEqual(JSON.parse(withIt.stdout), [fixture.expect.cti.campaign, 1]);
});
