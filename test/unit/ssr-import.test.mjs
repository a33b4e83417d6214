// Server rendering and test runners: a Next.js, Nuxt or SvelteKit server imports every entry when
// it loads a page's modules, and jest's jsdom environment (the usual way to test a form) has no
// TextDecoder, TextEncoder, structuredClone or fetch (jsdom/jsdom#2524, jestjs/jest#10431). Loading
// an entry must touch none of them: each entry, through the package's `exports` (ES module and
// CommonJS), is loaded in a child process where those globals are gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
