// Two script-tag files in one page (the portal-only and the uPhone-only ones, say) both put their
// names on the global `UContactBridge` at run time (rollup's `extend`), but their declarations do not
// add up: each declares the global (a `var` and a namespace of types), and TypeScript takes it from
// the first file it reads (silently where skipLibCheck hides the declarations' conflict). A page's script that references both declarations, as the
// README's "or `/iife/uphone`" invited, was told the later file's names do not exist. The README says
// to reference the full declaration alone; this test holds it to what TypeScript does. Compiled with
// the compiler API against the built declarations (dist/), as a script (no import or export).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { probeProgram } from './helpers/probe-program.mjs';
import { SCRIPT_ENTRIES } from '../../scripts/entries.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The parsed declaration files (lib.dom's above all), shared by the three programs.
const parsed = new Map();

/** The errors of a page's script that references the declarations of `files` (dist/<file>.iife.d.ts) and uses both entries. */
function errors(...files) {
  const text = [
    ...files.map((f) => `/// <reference path="./dist/${f}.iife.d.ts" />`),
    'const portal: UContactBridge.PortalClient = UContactBridge.connectPortal();',
    "const phone: UContactBridge.UPhone = UContactBridge.embedUPhone({ container: document.body, instance: 'acme.ucontact.example' });",
    'void portal; void phone;',
  ].join('\n');
  const { program } = probeProgram('__script-tag-types.probe.ts', text, parsed);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

test('a page with two script-tag files: the full declaration alone types both; the README says so, as two references lose names', () => {
  assert.deepEqual(errors('ucontact-bridge'), []);
  // Either order: the later reference's names are missing (the reason for the README's advice).
  assert.match(errors('ucontact-bridge.portal', 'ucontact-bridge.uphone').join('\n'), /'embedUPhone' does not exist/);
  assert.match(errors('ucontact-bridge.uphone', 'ucontact-bridge.portal').join('\n'), /'connectPortal' does not exist/);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const scriptTag = readme.slice(readme.indexOf('**Script tag.**'), readme.indexOf('## Quick start'));
  assert.match(scriptTag.replace(/\s+/g, ' '), /for two files in one page reference `\/iife` alone/);
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
