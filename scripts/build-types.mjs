// The declarations tsc does not write (run by `npm run build`, after tsc):
// - a .d.cts beside every .d.ts in dist/types/, with relative imports pointing at .cjs: the types of
//   the CommonJS build. TypeScript reads a .d.ts in this package (`"type": "module"`) as an ES module,
//   so `require` needs its own files or a CommonJS project would be told to use a dynamic import.
// - dist/<file>.iife.d.ts for each script-tag bundle: the global UContactBridge, values and types.
// Before that, each .d.ts gets a type-only import of every name its comments `{@link}` to that it no
// longer has in scope: tsc's declaration emit drops imports that only comments use, and an editor then
// shows such a link as plain text.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GLOBAL_NAME, SCRIPT_ENTRIES, scriptFiles } from './entries.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TYPES = join(ROOT, 'dist/types');

// `from './x.js'`, `import('./x.js')` and `import './x.js'` with a relative specifier.
const RELATIVE_JS = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.js\2/g;

/** The CommonJS twin of a declaration file's text. */
const toCts = (text) => text.replace(RELATIVE_JS, '$1$2$3.cjs$2');

const declarationFiles = readdirSync(TYPES, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.d.ts'))
  .map((e) => join(e.parentPath ?? e.path, e.name));
if (declarationFiles.length === 0) throw new Error('dist/types has no .d.ts: run tsc first');

/** A declaration file's text without its comments: where a name is in scope or not. */
const codeOf = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
/** The names `{@link}` points at (`{@link A.b}` needs `A`). */
const linkedNames = (text) => new Set([...text.matchAll(/\{@link(?:code|plain)?\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]));
// Where each name is declared: `export declare function|const|class|…` or `export interface|type`.
const DECLARED = /^export (?:declare )?(?:function|const|let|class|interface|type|enum|abstract class) ([A-Za-z_$][\w$]*)/gm;
// A name declared in two files (formatDateTime: shared/validate and cti/datetime) has no one home.
const home = new Map();
const twice = new Set();
for (const file of declarationFiles) {
  for (const m of readFileSync(file, 'utf8').matchAll(DECLARED)) {
    if (home.has(m[1]) && home.get(m[1]) !== file) twice.add(m[1]);
    else home.set(m[1], file);
  }
}
for (const file of declarationFiles) {
  const text = readFileSync(file, 'utf8');
  const code = codeOf(text);
  const missing = [...linkedNames(text)].filter((n) => !new RegExp(`\\b${n.replace('$', '\\$')}\\b`).test(code));
  if (missing.length === 0) continue;
  const unknown = missing.filter((n) => !home.has(n));
  if (unknown.length) throw new Error(`${relative(TYPES, file)}: {@link ${unknown[0]}} names nothing the declarations export`);
  const ambiguous = missing.filter((n) => twice.has(n));
  if (ambiguous.length) throw new Error(`${relative(TYPES, file)}: {@link ${ambiguous[0]}} names a declaration of several files: import it in the source`);
  const imports = missing.map((n) => {
    const target = relative(dirname(file), home.get(n)).replace(/\.d\.ts$/, '.js');
    return `import type { ${n} } from '${target.startsWith('.') ? target : `./${target}`}';\n`;
  });
  writeFileSync(file, imports.join('') + text);
}

for (const file of declarationFiles) {
  writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), toCts(readFileSync(file, 'utf8')));
}

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
