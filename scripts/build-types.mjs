// The declarations tsc does not write (run by `npm run build`, after tsc):
// - a .d.cts beside every .d.ts in dist/types/, with relative imports pointing at .cjs: the types of
//   the CommonJS build. TypeScript reads a .d.ts in this package (`"type": "module"`) as an ES module,
//   so `require` needs its own files or a CommonJS project would be told to use a dynamic import.
// - dist/<file>.iife.d.ts for each script-tag bundle: the global UContactBridge, values and types (below).
// Before that, each .d.ts gets a type-only import of every name its comments `{@link}` to that it no
// longer has in scope: tsc's declaration emit drops imports that only comments use, and an editor then
// shows such a link as plain text.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
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

// A script-tag file is a classic script: it defines the global UContactBridge and exports nothing, so
// its declaration is a module that exports nothing (`import { connectPortal } from 'ucontact-bridge/iife'`
// is a compile error, as it is at run time) and declares the global: a `var` with the values of the
// bundle's source (`typeof import(…)`) merged with a namespace of every type of the entries it
// re-exports from. Not `export as namespace` (a UMD global): that also typed named imports the file
// does not have, and a module reached the global only with "allowUmdGlobalAccess". Not
// `export import X = …` in the namespace: TypeScript 5.0 refuses imports in `declare global` (TS2667).
const REEXPORT = /from\s*(['"])(\.{1,2}\/[^'"]+)\1/g;
const scriptPrograms = SCRIPT_ENTRIES.map((entry) => {
  const f = scriptFiles(entry);
  const moduleTypes = join(ROOT, f.moduleTypes);
  const sources = [...new Set([...readFileSync(moduleTypes, 'utf8').matchAll(REEXPORT)].map((m) => m[2]))];
  return { entry, f, moduleTypes, sourceFiles: sources.map((s) => join(dirname(moduleTypes), s).replace(/\.js$/, '.d.ts')) };
});
const program = ts.createProgram(scriptPrograms.flatMap((s) => [s.moduleTypes, ...s.sourceFiles]), {
  noEmit: true, types: [], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
});
const checker = program.getTypeChecker();
const target = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);

for (const { f, moduleTypes, sourceFiles } of scriptPrograms) {
  const fromDist = (p) => `./${relative(join(ROOT, 'dist'), p).replace(/\.d\.ts$/, '.js')}`;
  // Every type of the entries, once (BridgeError is in each): name -> [the entry's import name, symbol].
  const types = new Map();
  const imports = sourceFiles.map((file, i) => {
    const local = `T${i}`;
    for (const s of checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)))) {
      const t = target(s);
      if (!(t.flags & ts.SymbolFlags.Type)) continue;
      if (t.flags & (ts.SymbolFlags.Enum | ts.SymbolFlags.Namespace)) throw new Error(`${fromDist(file)}: ${s.name} is an enum or a namespace, which the global's type aliases do not carry`);
      const seen = types.get(s.name);
      if (seen && seen[1] !== t) throw new Error(`${f.types}: two entries export different types named ${s.name}`);
      if (!seen) types.set(s.name, [local, t]);
    }
    return `import type * as ${local} from '${fromDist(file)}';`;
  });
  // A generic type keeps its parameters as written; their constraints and defaults must name types of
  // the namespace itself (or of TypeScript's own library), which they then resolve to.
  const aliases = [...types].sort(([a], [b]) => a.localeCompare(b)).map(([name, [local, symbol]]) => {
    const params = symbol.declarations.find((d) => d.typeParameters?.length)?.typeParameters ?? [];
    for (const p of params) {
      const check = (node) => {
        if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
          const ref = checker.getSymbolAtLocation(node.typeName);
          const lib = ref?.declarations?.every((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()));
          const held = types.get(node.typeName.text)?.[1];
          if (!ref || (lib ? held : held !== target(ref))) {
            throw new Error(`${f.types}: the parameter ${p.name.text} of ${name} names ${node.typeName.text}, which the global's namespace does not hold`);
          }
        }
        ts.forEachChild(node, check);
      };
      check(p);
    }
    const list = (texts) => (texts.length ? `<${texts.join(', ')}>` : '');
    // The type's own hover text, where it has one (an alias shows its own, not its target's).
    const doc = symbol.declarations.map((d) => d.jsDoc?.at(-1)?.getText()).find(Boolean);
    return `${doc ? `    ${doc.replace(/\n\s*\*/g, '\n     *')}\n` : ''}    type ${name}${list(params.map((p) => p.getText()))} = ${local}.${name}${list(params.map((p) => p.name.text))};`;
  });
  // The example uses what this bundle has: the portal client, else (the uPhone's) the phone host.
  const example = /\bconnectPortal\b/.test(readFileSync(moduleTypes, 'utf8'))
    ? `const portal: ${GLOBAL_NAME}.PortalClient = ${GLOBAL_NAME}.connectPortal();`
    : `const phone: ${GLOBAL_NAME}.UPhone = ${GLOBAL_NAME}.embedUPhone({ container: document.body, instance: 'acme.ucontact.example' });`;
  writeFileSync(join(ROOT, f.types), [
    `// The global ${GLOBAL_NAME} that ${f.min.slice(2)} (and ${f.full.slice('./dist/'.length)}) define when loaded by`,
    `// a <script> tag. In a TypeScript script or module, after:`,
    `//   /// <reference types="ucontact-bridge/${f.subpath.slice(2)}" />`,
    `//   ${example}`,
    `// A classic script exports nothing: so does this file (\`import 'ucontact-bridge/${f.subpath.slice(2)}'\` sets the global).`,
    `import type * as Values from '${fromDist(moduleTypes)}';`,
    ...imports,
    'declare global {',
    `  var ${GLOBAL_NAME}: typeof Values;`,
    `  namespace ${GLOBAL_NAME} {`,
    ...aliases,
    '  }',
    '}',
    'export {};',
    '',
  ].join('\n'));
}
