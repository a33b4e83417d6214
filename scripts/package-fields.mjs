// package.json's `exports`, `typesVersions` and `sideEffects`, computed from the entries table
// (scripts/entries.mjs) so that adding an entry is one line there.
//   node scripts/package-fields.mjs          rewrites package.json (npm run package-fields)
//   node scripts/package-fields.mjs --check  exits 1 when package.json differs (the pack suite checks it too)
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { MODULE_ENTRIES, SCRIPT_ENTRIES, moduleFiles, scriptFiles } from './entries.mjs';

const PACKAGE_JSON = fileURLToPath(new URL('../package.json', import.meta.url));

/**
 * The fields derived from the entries table. Each module entry: `import` (ESM + .d.ts), then
 * `module` (bundlers, for `import` and `require` alike, so a bundle never holds two copies: the
 * portal client keeps one reply queue per window, which a second copy would not share), then
 * `require` (Node's CommonJS build + .d.cts). Types come first in each condition.
 */
export function packageFields() {
  const exports = {};
  const typesVersions = {};
  for (const entry of MODULE_ENTRIES) {
    const f = moduleFiles(entry);
    exports[f.subpath] = {
      import: { types: f.types, default: f.esm },
      module: f.esm,
      require: { types: f.ctsTypes, default: f.cjs },
    };
    if (f.subpath !== '.') typesVersions[f.subpath.slice(2)] = [f.types];
  }
  const sideEffects = [];
  for (const entry of SCRIPT_ENTRIES) {
    const f = scriptFiles(entry);
    // The minified file: what a page loads. The unminified one stays in dist/ for reading.
    exports[f.subpath] = { types: f.types, default: f.min };
    typesVersions[f.subpath.slice(2)] = [f.types];
    sideEffects.push(f.full, f.min);
  }
  exports['./package.json'] = './package.json';
  const root = moduleFiles(MODULE_ENTRIES.find((e) => e.name === 'index'));
  return {
    main: root.cjs,
    module: root.esm,
    types: root.types,
    exports,
    // TypeScript's `node10` resolution (`moduleResolution: "node"`) ignores `exports`: this maps the subpaths.
    typesVersions: { '*': typesVersions },
    sideEffects,
  };
}

/** The names of the fields that differ between package.json and the table. */
export function staleFields(pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'))) {
  return Object.entries(packageFields()).filter(([k, v]) => !isDeepStrictEqual(pkg[k], v)).map(([k]) => k);
}

// Run as a command (not imported by the pack test); realpath: the module's URL has symlinks resolved.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'));
  const stale = staleFields(pkg);
  if (process.argv.includes('--check')) {
    if (stale.length) {
      process.stderr.write(`package.json: ${stale.join(', ')} differ from scripts/entries.mjs: run \`npm run package-fields\`\n`);
      process.exit(1);
    }
  } else if (stale.length) {
    Object.assign(pkg, packageFields());
    writeFileSync(PACKAGE_JSON, `${JSON.stringify(pkg, null, 2)}\n`);
    process.stdout.write(`package.json: ${stale.join(', ')} rewritten\n`);
  }
}
