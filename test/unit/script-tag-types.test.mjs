// Two script-tag files in one page (the portal-only and the uPhone-only ones, say) both put their
// names on the global `UContactBridge` at run time (rollup's `extend`). Their declarations each
// declared the whole global (a `var` typed by the bundle and a namespace of type aliases): with two
// referenced, TypeScript took the global from the first and dropped the second's names, silently with
// skipLibCheck, and without it reported TS2300 (BridgeError, BridgeErrorCode, BridgeErrorDetails) and
// TS2403 (UContactBridge) inside them. Now each file adds its names to one global interface and
// references the types it shares with another file from a file that declares them once. Every
// combination of the three, in either order, as a script's references, a module's references and a
// module's imports, with and without skipLibCheck: no error anywhere, the global's values exactly the
// names the minified bundles define together at run time, its types exactly those of the files'
// entries. Compiled with the compiler API against the built declarations (dist/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import ts from 'typescript';
import { probeProgram } from './helpers/probe-program.mjs';
import { GLOBAL_NAME, SCRIPT_ENTRIES, scriptFiles } from '../../scripts/entries.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The parsed declaration files (lib.dom's above all), shared by the programs.
const parsed = new Map();

const BUNDLES = SCRIPT_ENTRIES.map((entry) => {
  const f = scriptFiles(entry);
  const moduleTypes = join(ROOT, f.moduleTypes);
  // The entries the bundle re-exports from: its global's namespace has each one's types.
  const sources = [...readFileSync(moduleTypes, 'utf8').matchAll(/from\s*'(\.[^']+)\.js'/g)].map((m) => join(moduleTypes, '..', `${m[1]}.d.ts`));
  return { file: entry.file, types: f.types, specifier: `ucontact-bridge/${entry.subpath.slice(2)}`, code: readFileSync(join(ROOT, f.min), 'utf8'), sources };
});

/** The type names the entry declarations `files` export. */
function entryTypes(files) {
  const program = ts.createProgram(files, { noEmit: true, types: [], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
  const checker = program.getTypeChecker();
  const target = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  return new Set(files.flatMap((f) => checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(f)))
    .filter((s) => target(s).flags & ts.SymbolFlags.Type).map((s) => s.name)));
}

/** The names a page that loads `bundles` (classic scripts, in order) has on its global. */
function runtimeNames(bundles) {
  const page = vm.createContext({ TextDecoder, TextEncoder, performance, setTimeout, clearTimeout, URL, URLSearchParams });
  for (const b of bundles) vm.runInContext(b.code, page);
  return Object.keys(page[GLOBAL_NAME]).sort();
}

/**
 * A program of one file that reaches the declarations of `bundles` (`form`: a script's references, a
 * module's references or a module's imports): its errors (with their file), the global's value names
 * and its namespace's type names.
 */
function typed(bundles, form, skipLibCheck) {
  const text = [
    ...bundles.map((b) => (form === 'imports' ? `import '${b.specifier}';` : `/// <reference path="${b.types}" />`)),
    `export const sameGlobal: typeof ${GLOBAL_NAME} = window.${GLOBAL_NAME};`,
    ...bundles.map((b) => `export const guard${b.file.replace(/\W/g, '')}: boolean = ${GLOBAL_NAME}.isBridgeError(null);`),
    `export const code: ${GLOBAL_NAME}.BridgeErrorCode = 'TIMEOUT';`,
  ].join('\n');
  // A script: no import or export.
  const source = form === 'script' ? text.replace(/^export /gm, '') : text;
  const { program, probe } = probeProgram('__script-tag-types.probe.ts', source, parsed, { skipLibCheck, skipDefaultLibCheck: true });
  const errors = ts.getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName === probe ? 'probe' : d.file?.fileName.slice(ROOT.length)}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  const checker = program.getTypeChecker();
  const global = checker.getSymbolsInScope(program.getSourceFile(probe), ts.SymbolFlags.Variable).find((s) => s.name === GLOBAL_NAME);
  const values = checker.getPropertiesOfType(checker.getTypeOfSymbol(global)).map((s) => s.name).sort();
  const types = checker.getExportsOfModule(global).filter((s) => s.flags & ts.SymbolFlags.Type).map((s) => s.name).sort();
  return { errors, values, types };
}

// Every ordered choice of one, two and three of the files.
const choices = (list, n) => (n === 0 ? [[]] : list.flatMap((b) => choices(list.filter((x) => x !== b), n - 1).map((rest) => [b, ...rest])));
const COMBINATIONS = [1, 2, 3].flatMap((n) => choices(BUNDLES, n));

test('script-tag declarations add up as the files do at run time: any of them referenced or imported together, with and without skipLibCheck', () => {
  const typesOf = new Map(BUNDLES.map((b) => [b, entryTypes(b.sources)]));
  for (const bundles of COMBINATIONS) {
    const want = { errors: [], values: runtimeNames(bundles), types: [...new Set(bundles.flatMap((b) => [...typesOf.get(b)]))].sort() };
    // One file alone types its own names only (uPhone's have no portal client, and the other way round).
    if (bundles.length === 1) assert.ok(want.types.length > 10 && want.values.includes('isBridgeError'), bundles[0].file);
    for (const form of ['script', 'references', 'imports']) {
      for (const skipLibCheck of [false, true]) {
        assert.deepEqual(typed(bundles, form, skipLibCheck), want, `${bundles.map((b) => b.file).join(' + ')}, ${form}, skipLibCheck ${skipLibCheck}`);
      }
    }
  }
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const scriptTag = readme.slice(readme.indexOf('**Script tag.**'), readme.indexOf('## Quick start')).replace(/\s+/g, ' ');
  assert.match(scriptTag, /for two files in one page reference both \(either order, with or without `skipLibCheck`\)/);
  assert.doesNotMatch(scriptTag, /TS2300|TS2403|reference `\/iife` alone/);
});

// A script-tag file is a classic script: it defines the global and exports nothing (`import
// 'ucontact-bridge/iife'` in a bundled app sets the global). Its declaration said `export *` of the
// bundle's names with `export as namespace` (a UMD global): `import { isBridgeError } from
// 'ucontact-bridge/iife/portal'` type-checked, then rollup and esbuild refused the build ("is not
// exported") and webpack gave undefined; and a module reached the global only with
// "allowUmdGlobalAccess". Each declaration alone, in a module (the package's own name resolves as in
// a user's project): the side-effect import and a reference type the global, a named import is refused.
test('a script-tag subpath exports nothing, in its types too: a named import is a compile error; the global is typed in a module', () => {
  for (const { subpath } of SCRIPT_ENTRIES) {
    const specifier = `ucontact-bridge/${subpath.slice(2)}`;
    const text = [
      `import '${specifier}';`,
      `import { isBridgeError } from '${specifier}';`,
      `import * as nothing from '${specifier}';`,
      'export const exportsNothing: [keyof typeof nothing] extends [never] ? true : false = true;',
      'export const guard: boolean = UContactBridge.isBridgeError(isBridgeError);',
      "export const code: UContactBridge.BridgeErrorCode = 'TIMEOUT';",
      'export const sameGlobal: typeof UContactBridge = window.UContactBridge;',
    ].join('\n');
    const { program } = probeProgram(`__script-tag-module.probe.ts`, text, parsed);
    const found = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.endsWith('.probe.ts') ? 'probe' : d.file?.fileName}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    assert.deepEqual(found, [`probe: TS2305 Module '"${specifier}"' has no exported member 'isBridgeError'.`], specifier);
    // Referenced (as the README says), in a module: no option needed.
    const file = `./dist/${SCRIPT_ENTRIES.find((e) => e.subpath === subpath).file}.iife.d.ts`;
    const referenced = probeProgram('__script-tag-reference.probe.ts', `/// <reference path="${file}" />\nexport const guard: boolean = UContactBridge.isBridgeError(null);\n`, parsed);
    assert.deepEqual(ts.getPreEmitDiagnostics(referenced.program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')), [], file);
  }
});
