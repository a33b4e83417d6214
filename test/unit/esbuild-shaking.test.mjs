// An app bundled with esbuild (Vite's dev bundler, many a production build) that imports only the
// error helpers from an entry must not pay for that entry's clients. esbuild drops less than rollup:
// it keeps a module-level object spread, a call without a /* @__PURE__ */ annotation and a property
// read (`Number.MAX_SAFE_INTEGER`) in an initializer, and with them every rule those reach, so one
// such line pulled the whole validation module (2.6 KB gzip from the root) into a bundle that only
// asked for isBridgeError. Needs `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
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
