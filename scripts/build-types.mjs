// The declarations tsc does not write (run by `npm run build`, after tsc):
// - a .d.cts beside every .d.ts in dist/types/, with relative imports pointing at .cjs: the types of
//   the CommonJS build. TypeScript reads a .d.ts in this package (`"type": "module"`) as an ES module,
//   so `require` needs its own files or a CommonJS project would be told to use a dynamic import.
// - dist/<file>.iife.d.ts for each script-tag bundle: the global UContactBridge, values and types (below).
// Before that, each .d.ts gets a type-only import of every name its comments `{@link}` to that it no
// longer has in scope: tsc's declaration emit drops imports that only comments use, and an editor then
// shows such a link as plain text.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
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
// is a compile error, as it is at run time) and declares the global: a `var` of a global interface
// that extends the values of the bundle's source (`typeof import(…)`), merged with a namespace of
// every type of the entries it re-exports from. Not `export as namespace` (a UMD global): that also
// typed named imports the file does not have, and a module reached the global only with
// "allowUmdGlobalAccess". Not `export import X = …` in the namespace: TypeScript 5.0 refuses imports
// in `declare global` (TS2667).
//
// Two files in one page both put their names on the one global (rollup's `extend`), and their
// declarations add up the same way, whichever are referenced, in any order: each file's interface
// declaration merges with the others' (a name two bundles have is the same declaration in both:
// identical, as merging needs), the `var` is the same in each, and a type two files have is declared
// once, in a file of dist/iife-types/ that each of them references (`/// <reference path>`: a
// program holds it once however many reach it), for type aliases do not merge (TS2300).
const REEXPORT = /from\s*(['"])(\.{1,2}\/[^'"]+)\1/g;
const scriptPrograms = SCRIPT_ENTRIES.map((entry) => {
  const f = scriptFiles(entry);
  const moduleTypes = join(ROOT, f.moduleTypes);
  const sources = [...new Set([...readFileSync(moduleTypes, 'utf8').matchAll(REEXPORT)].map((m) => m[2]))];
  // The short name of its shared type files: the full file's is `full`.
  const id = entry.file.replace(/^ucontact-bridge\.?/, '') || 'full';
  return { id, f, moduleTypes, sourceFiles: sources.map((s) => join(dirname(moduleTypes), s).replace(/\.js$/, '.d.ts')) };
});
const program = ts.createProgram(scriptPrograms.flatMap((s) => [s.moduleTypes, ...s.sourceFiles]), {
  noEmit: true, types: [], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
});
const checker = program.getTypeChecker();
const target = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
const DIST = join(ROOT, 'dist');
const fromDist = (p) => `./${relative(DIST, p).replace(/\.d\.ts$/, '.js')}`;
// The values each file puts on the global (`connectPortal`, `ERROR_CODES`): a hover text's link to one
// is written `{@link UContactBridge.connectPortal}`, for the namespace does not hold them.
for (const s of scriptPrograms) {
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(s.moduleTypes)));
  s.values = new Set(exports.filter((e) => target(e).flags & ts.SymbolFlags.Value).map((e) => e.name));
}

// Every type of each file's entries, once (BridgeError is in each): name -> { symbol, sources (the
// entries that export it) }.
for (const s of scriptPrograms) {
  s.types = new Map();
  for (const file of s.sourceFiles) {
    for (const e of checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)))) {
      const t = target(e);
      if (!(t.flags & ts.SymbolFlags.Type)) continue;
      if (t.flags & (ts.SymbolFlags.Enum | ts.SymbolFlags.Namespace)) throw new Error(`${fromDist(file)}: ${e.name} is an enum or a namespace, which the global's type aliases do not carry`);
      const seen = s.types.get(e.name);
      if (seen && seen.symbol !== t) throw new Error(`${s.f.types}: two entries export different types named ${e.name}`);
      if (seen) seen.sources.push(file);
      else s.types.set(e.name, { symbol: t, sources: [file] });
    }
  }
  // A generic type keeps its parameters as written; their constraints and defaults must name types of
  // the namespace itself (or of TypeScript's own library), which they then resolve to.
  for (const [name, { symbol }] of s.types) {
    for (const p of symbol.declarations.find((d) => d.typeParameters?.length)?.typeParameters ?? []) {
      const check = (node) => {
        if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
          const ref = checker.getSymbolAtLocation(node.typeName);
          const lib = ref?.declarations?.every((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()));
          const held = s.types.get(node.typeName.text)?.symbol;
          if (!ref || (lib ? held : held !== target(ref))) {
            throw new Error(`${s.f.types}: the parameter ${p.name.text} of ${name} names ${node.typeName.text}, which the global's namespace does not hold`);
          }
        }
        ts.forEachChild(node, check);
      };
      check(p);
    }
  }
}

// Each type with the files that have it, grouped by those files: a group of one is declared in its
// file, a group of several in dist/iife-types/<ids>.d.ts.
const groups = new Map();
for (const s of scriptPrograms) {
  for (const [name, { symbol, sources }] of s.types) {
    const owners = scriptPrograms.filter((o) => o.types.has(name));
    const other = owners.find((o) => o.types.get(name).symbol !== symbol);
    if (other) throw new Error(`${s.f.types} and ${other.f.types} have different types named ${name}: one global cannot hold both`);
    if (owners[0] !== s) continue;
    const key = owners.map((o) => o.id).join('+');
    if (!groups.has(key)) groups.set(key, { owners, file: owners.length > 1 ? join(DIST, 'iife-types', `${key}.d.ts`) : join(ROOT, s.f.types), types: [] });
    // Imported from an entry every owner's namespace reaches, else from the file that declares it.
    const shared = sources.find((src) => owners.every((o) => o.types.get(name).sources.includes(src)));
    const home = symbol.declarations[0].getSourceFile();
    const homeModule = checker.getSymbolAtLocation(home);
    const exported = homeModule && checker.getExportsOfModule(homeModule).some((e) => e.name === name && target(e) === symbol);
    if (!shared && !exported) throw new Error(`${key}: ${name} has no module every file reaches or that declares it`);
    groups.get(key).types.push({ name, symbol, source: shared ?? home.fileName });
  }
}

// A hover text's `{@link X}` as it names something where `owners`' files declare it: X when it is a
// type of each owner's namespace, else the global's X when each owner's global has that value, else
// X as code (a link that names nothing shows as plain text, and the pack suite refuses it).
const LINK = /\{@link(code|plain)?\s+([A-Za-z_$][\w$]*)([^}]*)\}/g;
const linksFor = (owners) => (doc) => doc.replace(LINK, (tag, kind = '', name, rest) => {
  if (owners.every((o) => o.types.has(name))) return tag;
  if (owners.every((o) => o.values.has(name))) return `{@link${kind} ${GLOBAL_NAME}.${name}${rest}}`;
  const text = rest.replace(/^[\s|]+/, '');
  return text && !rest.startsWith('.') ? text : `\`${name}${rest.trim()}\``;
});

/** The namespace's lines for `types` (of `owners`' files) and the imports they need (`T0`, … from `file`'s folder). */
function namespaceOf(types, file, owners) {
  const linked = linksFor(owners);
  const modules = [...new Set(types.map((t) => t.source))];
  const imports = modules.map((m, i) => {
    const path = relative(dirname(file), m).replace(/\.d\.ts$/, '.js');
    return `import type * as T${i} from '${path.startsWith('.') ? path : `./${path}`}';`;
  });
  const aliases = [...types].sort((a, b) => a.name.localeCompare(b.name)).map(({ name, symbol, source }) => {
    const local = `T${modules.indexOf(source)}`;
    const params = symbol.declarations.find((d) => d.typeParameters?.length)?.typeParameters ?? [];
    const list = (texts) => (texts.length ? `<${texts.join(', ')}>` : '');
    // The type's own hover text, where it has one (an alias shows its own, not its target's).
    const doc = symbol.declarations.map((d) => d.jsDoc?.at(-1)?.getText()).find(Boolean);
    return `${doc ? `    ${linked(doc).replace(/\n\s*\*/g, '\n     *')}\n` : ''}    type ${name}${list(params.map((p) => p.getText()))} = ${local}.${name}${list(params.map((p) => p.name.text))};`;
  });
  return { imports, block: aliases.length ? [`  namespace ${GLOBAL_NAME} {`, ...aliases, '  }'] : [] };
}

mkdirSync(join(DIST, 'iife-types'), { recursive: true });
for (const group of groups.values()) {
  if (group.owners.length === 1) continue;
  const { imports, block } = namespaceOf(group.types, group.file, group.owners);
  writeFileSync(group.file, [
    `// The types of the global ${GLOBAL_NAME} that ${group.owners.map((o) => o.f.types.slice('./dist/'.length)).join(', ')} all have,`,
    `// declared once: each of them references this file, which a program then holds once however many it reaches.`,
    ...imports,
    'declare global {',
    ...block,
    '}',
    'export {};',
    '',
  ].join('\n'));
}

for (const s of scriptPrograms) {
  const { f, moduleTypes } = s;
  const own = [...groups.values()].filter((g) => g.owners.includes(s));
  const shared = own.filter((g) => g.owners.length > 1);
  const { imports, block } = namespaceOf(own.filter((g) => g.owners.length === 1).flatMap((g) => g.types), join(ROOT, f.types), [s]);
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
    `// Another script-tag file's declaration adds its names to the same global, as that file does at run time.`,
    ...shared.map((g) => `/// <reference path="./${relative(DIST, g.file)}" />`),
    `import type * as Values from '${fromDist(moduleTypes)}';`,
    ...imports,
    `type Names = typeof Values;`,
    'declare global {',
    `  /** The values of the global ${GLOBAL_NAME}: the names of every script-tag file whose declaration the program reaches. */`,
    `  interface ${GLOBAL_NAME} extends Names {}`,
    `  var ${GLOBAL_NAME}: ${GLOBAL_NAME};`,
    ...block,
    '}',
    'export {};',
    '',
  ].join('\n'));
}
