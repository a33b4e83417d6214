// An app bundled with esbuild (Vite's dev bundler, many a production build) that imports only the
// error helpers from an entry must not pay for that entry's clients. esbuild drops less than rollup:
// it keeps a module-level object spread, a call without a /* @__PURE__ */ annotation and a property
// read (`Number.MAX_SAFE_INTEGER`) in an initializer, and with them every rule those reach, so one
// such line pulled the whole validation module (2.6 KB gzip from the root) into a bundle that only
// asked for isBridgeError. Needs `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

// Code of the validation module and the clients: none of it may be in an errors-only bundle.
const KEPT = ['must be a string', 'did you mean', 'must be a function', 'postMessage', 'fetch', 'getItem'];

async function errorsOnly(entry) {
  const out = await build({
    stdin: { contents: `export { BridgeError, isBridgeError } from ${JSON.stringify(dist + entry)};`, resolveDir: dist, loader: 'js' },
    bundle: true, write: false, format: 'esm', minify: true, logLevel: 'silent', legalComments: 'none',
  });
  return out.outputFiles[0].text;
}

// The Inbox and uPhone entries still keep their option specs (module-level rules without the
// annotation): annotating or moving them costs 1 to 13 B of every bundle of those entries.
for (const entry of ['index.js', 'cti.js', 'http.js']) {
  test(`esbuild: BridgeError and isBridgeError alone from dist/${entry} keep none of the entry's checks or clients`, async () => {
    const code = await errorsOnly(entry);
    assert.match(code, /ucontact-bridge\.error/, 'the error brand is there');
    for (const text of KEPT) assert.equal(code.includes(text), false, `'${text}' kept in an errors-only bundle of ${entry}`);
  });
}

// README's figures for such a bundle (the Install section): what a reader weighs before choosing
// where to import the helpers from. They said 0.6-0.8 KB more from /inbox and /uphone, measured when
// the root's bundle was 200 B; the root's is now about 0.3 KB and /inbox's 0.44 KB more.
test("README: an errors-only bundle is about 0.3 KB from the root; esbuild's extra from /cti, /inbox and /uphone is what README says", async () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
  const m = /keeps about ([\d.]+) KB with rollup, webpack or esbuild \(esbuild keeps ([\d.]+) KB more from `\/cti` and ([\d.]+)-([\d.]+) KB more from `\/inbox` and `\/uphone`/.exec(readme);
  assert.ok(m, "README's sentence on importing only BridgeError/isBridgeError");
  const [about, cti, low, high] = m.slice(1).map(Number);
  const kb = async (entry) => gzipSync(await errorsOnly(entry), { level: 9 }).length / 1024;
  const root = await kb('index.js');
  // Each figure as README rounds it: to 0.1 KB, give or take half of that.
  const near = (measured, said, what) => assert.ok(Math.abs(measured - said) <= 0.05, `${what}: ${measured.toFixed(2)} KB measured, README says ${said}`);
  near(root, about, 'from the root');
  near(await kb('cti.js') - root, cti, '/cti, more than the root');
  near(await kb('inbox.js') - root, low, '/inbox, more than the root');
  near(await kb('uphone.js') - root, high, '/uphone, more than the root');
});
