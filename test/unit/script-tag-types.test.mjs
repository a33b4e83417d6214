// Two script-tag files in one page (the portal-only and the uPhone-only ones, say) both put their
// names on the global `UContactBridge` at run time (rollup's `extend`), but their declarations do not
// add up: each declares the global as a UMD namespace (`export as namespace`), and TypeScript takes it
// from the first file it reads, silently. A page's script that references both declarations, as the
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
