// The declarations tsc does not write (run by `npm run build`, after tsc):
// - a .d.cts beside every .d.ts in dist/types/, with relative imports pointing at .cjs: the types of
//   the CommonJS build. TypeScript reads a .d.ts in this package (`"type": "module"`) as an ES module,
//   so `require` needs its own files or a CommonJS project would be told to use a dynamic import.
// - dist/<file>.iife.d.ts for each script-tag bundle: the global UContactBridge, values and types.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GLOBAL_NAME, SCRIPT_ENTRIES, scriptFiles } from './entries.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TYPES = join(ROOT, 'dist/types');

// `from './x.js'`, `import('./x.js')` and `import './x.js'` with a relative specifier.
const RELATIVE_JS = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.js\2/g;

/** The CommonJS twin of a declaration file's text. */
export const toCts = (text) => text.replace(RELATIVE_JS, '$1$2$3.cjs$2');

let count = 0;
for (const entry of readdirSync(TYPES, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
  const file = join(entry.parentPath ?? entry.path, entry.name);
  writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), toCts(readFileSync(file, 'utf8')));
  count += 1;
}
if (count === 0) throw new Error('dist/types has no .d.ts: run tsc first');

for (const entry of SCRIPT_ENTRIES) {
  const f = scriptFiles(entry);
  const target = `./${f.moduleTypes.slice('./dist/'.length).replace(/\.d\.ts$/, '.js')}`;
  writeFileSync(join(ROOT, f.types), [
    `// The global ${GLOBAL_NAME} that ${f.min.slice(2)} (and ${f.full.slice('./dist/'.length)}) define when loaded by`,
    `// a <script> tag. In a script-tag TypeScript project: /// <reference types="ucontact-bridge/${f.subpath.slice(2)}" />`,
    `// then ${GLOBAL_NAME}.connectPortal(...) and types such as ${GLOBAL_NAME}.PortalClient.`,
    `export * from '${target}';`,
    `export as namespace ${GLOBAL_NAME};`,
    '',
  ].join('\n'));
}
