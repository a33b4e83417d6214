// What a user's bundler keeps of the http entry. esbuild (tsup, Vite's dev server, AWS CDK's
// NodejsFunction) keeps every module-level statement that may have an effect, and an object spread
// may (it runs getters): a module-level `const X = { ...Y }` stays, with all it names. Rollup,
// terser and webpack drop it, so the size bench cannot see this; the ES build is read instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const dist = new URL('../../dist/', import.meta.url);

test('dist/http.js: neither client\'s option table is a module-level spread (esbuild kept the other client)', () => {
  const code = readFileSync(new URL('http.js', dist), 'utf8');
  assert.match(code, /^const CONNECTION = \{/m, 'dist/http.js is built');
  // createUContactClient's table names the endpoint table and, through it, every operation: with
  // esbuild, `import { createApiTokenClient }` alone was 10.1 KB gzip instead of 6.0.
  assert.deepEqual(code.split('\n').filter((l) => /^(const|let|var) [\w$]+ = \{ *\.\.\.CONNECTION\b/.test(l)), []);
});
