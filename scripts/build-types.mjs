// The declarations tsc does not write (run by `npm run build`, after tsc):
// - a .d.cts beside every .d.ts in dist/types/, with relative imports pointing at .cjs: the types of
//   the CommonJS build. TypeScript reads a .d.ts in this package (`"type": "module"`) as an ES module,
//   so `require` needs its own files or a CommonJS project would be told to use a dynamic import.
// - dist/<file>.iife.d.ts for each script-tag bundle: the global UContactBridge, values and types.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GLOBAL_NAME, SCRIPT_ENTRIES, scriptFiles } from './entries.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TYPES = join(ROOT, 'dist/types');

// `from './x.js'`, `import('./x.js')` and `import './x.js'` with a relative specifier.
const RELATIVE_JS = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.js\2/g;

/** The CommonJS twin of a declaration file's text. */
const toCts = (text) => text.replace(RELATIVE_JS, '$1$2$3.cjs$2');

let count = 0;
for (const entry of readdirSync(TYPES, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const file = join(entry.parentPath ?? entry.path, entry.name);
  writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), toCts(readFileSync(file, 'utf8')));
  count += 1;
}
if (count === 0) throw new Error('dist/types has no .d.ts: run tsc first');

// The script-tag bundle's source re-exports values from module entries: its global holds those
// values (`export *` of its own declarations) and every type of the same entries (`export type *`).
const REEXPORT = /from\s*(['"])(\.{1,2}\/[^'"]+)\1/g;
for (const entry of SCRIPT_ENTRIES) {
  const f = scriptFiles(entry);
  const fromDist = (p) => `./${p.slice('./dist/'.length)}`;
  const moduleTypes = join(ROOT, f.moduleTypes);
  const sources = [...new Set([...readFileSync(moduleTypes, 'utf8').matchAll(REEXPORT)].map((m) => m[2]))];
  const typesFrom = sources.map((s) => fromDist(`./${join(dirname(f.moduleTypes), s)}`));
  // The example uses what this bundle has: the portal client, else (the uPhone's) the phone host.
  const example = /\bconnectPortal\b/.test(readFileSync(moduleTypes, 'utf8'))
    ? `const portal: ${GLOBAL_NAME}.PortalClient = ${GLOBAL_NAME}.connectPortal();`
    : `const phone: ${GLOBAL_NAME}.UPhone = ${GLOBAL_NAME}.embedUPhone({ container: document.body, instance: 'acme.ucontact.example' });`;
  writeFileSync(join(ROOT, f.types), [
    `// The global ${GLOBAL_NAME} that ${f.min.slice(2)} (and ${f.full.slice('./dist/'.length)}) define when loaded by`,
    `// a <script> tag. In a TypeScript script (a file without import or export):`,
    `//   /// <reference types="ucontact-bridge/${f.subpath.slice(2)}" />`,
    `//   ${example}`,
    `// (a module reaches the global with "allowUmdGlobalAccess": true).`,
    `export * from '${fromDist(f.moduleTypes).replace(/\.d\.ts$/, '.js')}';`,
    ...typesFrom.map((t) => `export type * from '${t}';`),
    `export as namespace ${GLOBAL_NAME};`,
    '',
  ].join('\n'));
}
