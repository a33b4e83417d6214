// Loads an internal module of src/ (one no entry exports as such) for a unit test: rollup bundles it
// from the TypeScript sources (types stripped by TypeScript itself) into one ES module in memory.
// The shipped bundles are tested through their entries; this is for logic below them.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const sources = {
  name: 'ts-sources',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    const file = join(dirname(importer), source.replace(/\.js$/, '.ts'));
    return existsSync(file) ? file : null;
  },
  transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const out = ts.transpileModule(code, {
      fileName: id,
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
    });
    return { code: out.outputText, map: null };
  },
};

/** Imports `src/<path>` (e.g. 'shared/validate.ts'), bundled with what it imports. */
export async function importSource(path) {
  const build = await rollup({ input: join(ROOT, 'src', path), plugins: [sources] });
  try {
    const { output } = await build.generate({ format: 'es' });
    return import(`data:text/javascript;base64,${Buffer.from(output[0].code).toString('base64')}`);
  } finally {
    await build.close();
  }
}
