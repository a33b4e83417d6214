// Our MIT notice in what a user's bundler keeps (rollup + node-resolve + terser, as bench/size.mjs):
// every program that holds code of ours carries `/*! ucontact-bridge | MIT */` exactly once, whatever
// it imports: a whole entry, or one function of it (whose code may all live in a shared chunk).
// Needs `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollup } from 'rollup';
import { ROOT, bundle, terserHere } from '../../bench/size.mjs';
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

// crypto-js's notice, in what webpack 5 (production) keeps of a program that decrypts. Its module
// concatenation puts an ES module's code in the app's function scope, each import it rewrote left as
// a `var` declaration in front of the module's code; terser then joins that run of `var` statements
// with the module's first one, and a `/*!` comment before it was lost: the program shipped crypto-js
// without its MIT notice. Emulated here on dist/cti.js (webpack itself is not a dependency), then
// minified by terser as webpack does.
test('crypto-js\'s notice stays in a program that holds crypto-js, minified after webpack-style concatenation', async () => {
  const NOTICE_CJS = /\/\*! crypto-js [\d.]+ \| MIT \| \(c\) 2009-2013 Jeff Mott/;
  const source = readFileSync(join(ROOT, 'dist/cti.js'), 'utf8');
  const imported = [...source.matchAll(/^import \{([^}]*)\} from '[^']*';$/gm)].flatMap((m) => m[1].split(',').map((s) => s.trim().split(/\s+as\s+/).pop()));
  assert.ok(imported.length > 5, 'dist/cti.js imports nothing: the emulation reads another layout');
  const body = source.replace(/^(import|export) \{[^}]*\} from '[^']*';$/gm, '').replace(/^export \{[^}]*\};$/m, '').replace(/^\/\/# sourceMappingURL=.*$/m, '');
  for (const name of ['decryptCti', 'readCti', 'watchCti']) {
    const code = `(() => {\n${imported.map((n) => `/* unused harmony import specifier */ var ${n};`).join('\n')}\n${body}\nwindow.keep = ${name};\n})();\n`;
    const build = await rollup({ input: 'app', treeshake: false, plugins: [{ name: 'app', resolveId: (id) => (id === 'app' ? id : null), load: (id) => (id === 'app' ? code : null) }] });
    try {
      const { output: [{ code: out }] } = await build.generate({ format: 'es', plugins: [terserHere()] });
      assert.ok(/_doReset/.test(out), `${name}: the program holds no crypto-js (the emulation is wrong)`);
      assert.ok(NOTICE_CJS.test(out), `${name}: crypto-js is in the program (${out.length} B minified), its notice is not`);
    } finally {
      await build.close();
    }
  }
});
