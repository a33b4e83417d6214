// Our MIT notice in what a user's bundler keeps (rollup + node-resolve + terser, as bench/size.mjs):
// every program that holds code of ours carries `/*! ucontact-bridge | MIT */` exactly once, whatever
// it imports: a whole entry, or one function of it (whose code may all live in a shared chunk).
// Needs `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundle } from '../../bench/size.mjs';
import { MODULE_ENTRIES } from '../../scripts/entries.mjs';

const NOTICE = '/*! ucontact-bridge | MIT */';
const count = (code) => code.split(NOTICE).length - 1;

for (const { name } of MODULE_ENTRIES) {
  const from = name === 'index' ? 'ucontact-bridge' : `ucontact-bridge/${name}`;
  const entry = await import(`../../dist/${name}.js`);
  // Every function and class of the entry alone (constants such as DEFAULT_CTI_KEY hold no code).
  const alone = Object.keys(entry).filter((k) => typeof entry[k] === 'function');
  test(`${from}: the whole entry, and each of ${alone.join(', ')} imported alone, carries our notice once`, async () => {
    for (const code of [`export * from '${from}';`, ...alone.map((k) => `export { ${k} } from '${from}';`)]) {
      const out = await bundle(code);
      assert.equal(count(out.code), 1, `${code} (${out.code.length} B minified) carries our notice ${count(out.code)} times`);
    }
  });
}
