// Every named type the public declarations reach (a parameter's, a result's, a field's, a type
// argument's) is exported by the entry that reaches it: a user can name what a function takes or
// returns. The built declarations (dist/types) are read by the package's own name, as a user's
// project reads them, with the compiler API; a type found unexported is named with the path to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { probeProgram } from './helpers/probe-program.mjs';
import { MODULE_ENTRIES } from '../../scripts/entries.mjs';

const ENTRIES = MODULE_ENTRIES.map((e) => (e.name === 'index' ? 'ucontact-bridge' : `ucontact-bridge/${e.name}`));

/** For each entry, the named types its exports reach that it does not export: `name <- where`. */
function unexported() {
  const text = ENTRIES.map((e, i) => `import type * as M${i} from '${e}';\nexport type { M${i} };`).join('\n');
  const { program, probe } = probeProgram('__types-exported.probe.ts', text);
  const checker = program.getTypeChecker();
  const found = {};
  for (const imp of program.getSourceFile(probe).statements.filter(ts.isImportDeclaration)) {
    const entry = imp.moduleSpecifier.text;
    const mod = checker.getSymbolAtLocation(imp.moduleSpecifier);
    assert.ok(mod, `${entry} did not resolve: run npm run build first`);
    const resolved = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
    const exports = checker.getExportsOfModule(mod).map(resolved);
    const exported = new Set(exports.flatMap((s) => s.declarations ?? []));
    const missing = new Map();
    const seen = new Set();
    const visit = (type, path, depth) => {
      if (!type || depth > 12 || seen.has(type)) return;
      seen.add(type);
      for (const s of [type.aliasSymbol, type.getSymbol()]) {
        for (const d of s?.declarations ?? []) {
          const named = ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d) || ts.isClassDeclaration(d) || ts.isEnumDeclaration(d);
          if (named && d.getSourceFile().fileName.includes('/dist/types/') && !exported.has(d) && !missing.has(s.name)) missing.set(s.name, path);
        }
      }
      type.aliasTypeArguments?.forEach((t) => visit(t, `${path}<>`, depth + 1));
      if (type.isUnionOrIntersection()) type.types.forEach((t) => visit(t, path, depth + 1));
      if (!(type.flags & ts.TypeFlags.Object)) return;
      if (type.typeArguments) checker.getTypeArguments(type).forEach((t) => visit(t, `${path}<>`, depth + 1));
      for (const p of checker.getPropertiesOfType(type)) {
        const d = p.valueDeclaration ?? p.declarations?.[0];
        if (d && d.getSourceFile().fileName.includes('/dist/types/')) visit(checker.getTypeOfSymbolAtLocation(p, d), `${path}.${p.name}`, depth + 1);
      }
      for (const kind of [ts.SignatureKind.Call, ts.SignatureKind.Construct]) {
        for (const sig of checker.getSignaturesOfType(type, kind)) {
          sig.parameters.forEach((p) => visit(checker.getTypeOfSymbolAtLocation(p, p.valueDeclaration), `${path}(${p.name})`, depth + 1));
          sig.typeParameters?.forEach((t) => visit(t.getConstraint(), `${path}<T>`, depth + 1));
          visit(sig.getReturnType(), `${path}()`, depth + 1);
        }
      }
    };
    for (const s of exports) {
      const d = s.declarations?.[0];
      if (!d) continue;
      if (s.flags & ts.SymbolFlags.Value) visit(checker.getTypeOfSymbolAtLocation(s, d), s.name, 0);
      if (s.flags & ts.SymbolFlags.Type) visit(checker.getDeclaredTypeOfSymbol(s), s.name, 0);
    }
    found[entry] = [...missing].map(([name, path]) => `${name} <- ${path}`);
  }
  return found;
}

test('every named type an entry\'s exports reach is exported by that entry', () => {
  const found = unexported();
  assert.deepEqual(Object.keys(found), ENTRIES);
  assert.deepEqual(found, Object.fromEntries(ENTRIES.map((e) => [e, []])));
});
