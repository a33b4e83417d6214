// The package's entries: the one table that the build (rollup.config.mjs), package.json's `exports`,
// `typesVersions` and `sideEffects` (written by scripts/package-fields.mjs), the pack-and-import test
// (test/pack/) and the size bench's bundle check read.
//
// Adding an entry is one line here, then `npm run package-fields` (rewrites package.json; the pack
// suite fails until package.json matches this table). For example:
//   { name: 'inbox', source: 'src/inbox/index.ts' },
// builds dist/inbox.js (ESM), dist/cjs/inbox.cjs (CommonJS), their types, and exports `ucontact-bridge/inbox`.

/** ES module (+ CommonJS) entries: `name` is the file name in dist/ and the subpath (`index` is the root). */
export const MODULE_ENTRIES = [
  { name: 'index', source: 'src/index.ts' },
  { name: 'cti', source: 'src/cti/index.ts' },
  { name: 'http', source: 'src/http/index.ts' },
  { name: 'inbox', source: 'src/inbox/index.ts' },
  { name: 'uphone', source: 'src/uphone/index.ts' },
];

/** Script-tag bundles (global `UContactBridge`): dist/<file>.iife.js and .iife.min.js, exported at `subpath`. */
export const SCRIPT_ENTRIES = [
  { file: 'ucontact-bridge', subpath: './iife', source: 'src/iife.ts' },
  { file: 'ucontact-bridge.portal', subpath: './iife/portal', source: 'src/iife-portal.ts' },
  { file: 'ucontact-bridge.uphone', subpath: './iife/uphone', source: 'src/iife-uphone.ts' },
];

/** The global the script-tag bundles define. */
export const GLOBAL_NAME = 'UContactBridge';

const declarations = (source) => `./dist/types/${source.replace(/^src\//, '').replace(/\.ts$/, '')}`;

/** Where each build output of a module entry is, relative to the package root (`./…`). */
export function moduleFiles({ name, source }) {
  return {
    subpath: name === 'index' ? '.' : `./${name}`,
    esm: `./dist/${name}.js`,
    cjs: `./dist/cjs/${name}.cjs`,
    types: `${declarations(source)}.d.ts`,
    ctsTypes: `${declarations(source)}.d.cts`,
  };
}

/** Where each build output of a script-tag entry is, relative to the package root (`./…`). */
export function scriptFiles({ file, subpath, source }) {
  return {
    subpath,
    full: `./dist/${file}.iife.js`,
    min: `./dist/${file}.iife.min.js`,
    // Declares the global; it points at the module declarations tsc emits for `source`.
    types: `./dist/${file}.iife.d.ts`,
    moduleTypes: `${declarations(source)}.d.ts`,
  };
}
