// Builds dist/ from the entries table (scripts/entries.mjs): the module entries as ES modules and as
// CommonJS (code-split, so the portal entry never pulls in crypto-js), and the script-tag bundles
// (global UContactBridge), each with a source map. Types: `npm run build` runs tsc, then
// scripts/build-types.mjs (the .d.cts copies and the script-tag globals).
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { readFileSync } from 'node:fs';
import { skipUnusedCryptoJs } from './scripts/crypto-js-unused.mjs';
import { GLOBAL_NAME, MODULE_ENTRIES, SCRIPT_ENTRIES } from './scripts/entries.mjs';

const plugins = ({ pure = false } = {}) => [
  // sha1, hmac and enc-base64: required by crypto-js modules we use, never run (see the script);
  // pure: the module entries load crypto-js only where it is used (a bundler drops it elsewhere).
  skipUnusedCryptoJs({ pure }),
  resolve({ browser: true }),
  // crypto-js/core's `require('crypto')` (random bytes, never needed to decrypt) is dropped above.
  commonjs(),
  // After commonjs: the module entries carry crypto-js's notice on a helper of its code (see below).
  pure && cryptoJsNotice(),
  // inlineSources: the maps carry the TypeScript they name (sourcesContent); the package ships no src/.
  typescript({ tsconfig: './tsconfig.json', declaration: false, declarationMap: false, inlineSources: true, outDir: 'dist', rootDir: 'src' }),
];

// crypto-js is bundled, not a dependency (see the README's Install section): its MIT notice goes
// with every file that carries it (the full text is in LICENSE). `/*!` comments survive terser.
// Ours heads the one file that holds the error type (the shared chunk, the script-tag bundle), not
// each file: every program that holds our code holds BridgeError's, so its bundle carries the notice
// once (not once per chunk, 5 times in the portal client's). An entry file's notice was dropped with
// its code by a bundler when a program imported only shared code (isBridgeError, parseCti, ...).
const CRYPTO_JS = /[\\/]node_modules[\\/]crypto-js[\\/]/;
const ERRORS = /[\\/]src[\\/]errors\.ts$/;
const cryptoJsVersion = JSON.parse(readFileSync(new URL('./node_modules/crypto-js/package.json', import.meta.url), 'utf8')).version;
const CRYPTO_JS_NOTICE = `/*! crypto-js ${cryptoJsVersion} | MIT | (c) 2009-2013 Jeff Mott, (c) 2013-2016 Evan Vosberg */`;
// A script-tag bundle is shipped whole: crypto-js's notice heads it. The module entries' notice of
// crypto-js is not a banner: webpack (production) puts an ES module's code in the app's function
// scope behind a run of `var` declarations (the imports it rewrote), terser joins them with the
// first statement, and a comment before that one was lost, leaving readCti's and decryptCti's
// programs without crypto-js's notice. It heads the function that hands over crypto-js's modules
// (@rollup/plugin-commonjs's getDefaultExportFromCjs) instead (test/unit/license-notice.test.mjs):
// a function declaration keeps its comment, and every program that holds crypto-js code holds that
// function. There, near the top, the cti entry's gzip size is what it was; lower down it grew 5 B.
const banner = (chunk, { cryptoJs = true } = {}) => [chunk.moduleIds.some((id) => ERRORS.test(id)) && '/*! ucontact-bridge | MIT */',
  cryptoJs && chunk.moduleIds.some((id) => CRYPTO_JS.test(id)) && CRYPTO_JS_NOTICE].filter(Boolean).join('\n');
const moduleBanner = (chunk) => banner(chunk, { cryptoJs: false });
/** Puts crypto-js's notice on the line of @rollup/plugin-commonjs's getDefaultExportFromCjs. */
function cryptoJsNotice() {
  return {
    name: 'crypto-js-notice',
    transform(code, id) {
      if (id !== '\0commonjsHelpers.js') return null;
      // On the same line: no line moves, so the source map stays right (`map: null`).
      const next = code.replace(/^export function getDefaultExportFromCjs\b/m, `${CRYPTO_JS_NOTICE} $&`);
      if (next === code) this.error('@rollup/plugin-commonjs\'s helpers have no getDefaultExportFromCjs');
      return { code: next, map: null };
    },
  };
}

// Rollup's iife wrapper extends `this.UContactBridge`: the global in a classic script, undefined where
// the file runs as a module (`import 'ucontact-bridge/iife'` in a bundler, kept by `sideEffects`, or
// Node's loader), where it threw as it loaded. globalThis is the global in both (a worker's too).
function globalWrapper() {
  const from = `})(this.${GLOBAL_NAME} = this.${GLOBAL_NAME} || {});`;
  return {
    name: 'global-wrapper',
    renderChunk(code) {
      if (!code.endsWith(from)) this.error(`rollup's iife wrapper does not end with ${from}`);
      // The wrapper's last line: nothing of the sources is mapped there (`map: null`).
      return { code: `${code.slice(0, -from.length)}})(globalThis.${GLOBAL_NAME} = globalThis.${GLOBAL_NAME} || {});`, map: null };
    },
  };
}

export default [
  {
    input: Object.fromEntries(MODULE_ENTRIES.map((e) => [e.name, e.source])),
    plugins: plugins({ pure: true }),
    output: [
      { dir: 'dist', format: 'es', sourcemap: true, banner: moduleBanner, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      // For require(): the same split, so every CommonJS entry shares one BridgeError and one set of
      // chunks. No source maps: the code is not minified, and maps as large as the ES modules' (about
      // 700 KB today, their sources inline) would double what the install carries for them.
      {
        dir: 'dist', format: 'cjs', banner: moduleBanner, entryFileNames: 'cjs/[name].cjs', chunkFileNames: 'cjs/chunks/[name]-[hash].cjs',
        // `__esModule`: TypeScript's and bundlers' interop helpers then hand over the exports as they are.
        esModule: true, generatedCode: { preset: 'es2015', symbols: false },
      },
    ],
  },
  // Script-tag bundles: everything, and the portal client alone. Three compress passes: each one finds
  // what the last one's inlining made foldable (the full bundle 141 B gzip smaller than with one).
  // `extend`: each file adds its names to a global UContactBridge an earlier one defined (a CRM with
  // the portal-only and the uPhone-only files; a widget's portal-only file after the page's full one),
  // the later file's where both have one; replaced, the earlier file's names were gone.
  ...SCRIPT_ENTRIES.map(({ source, file }) => ({
    input: source,
    plugins: [...plugins(), globalWrapper()],
    output: [
      { file: `dist/${file}.iife.js`, format: 'iife', name: GLOBAL_NAME, extend: true, sourcemap: true, banner },
      { file: `dist/${file}.iife.min.js`, format: 'iife', name: GLOBAL_NAME, extend: true, sourcemap: true, banner, plugins: [terser({ compress: { passes: 3 } })] },
    ],
  })),
];
