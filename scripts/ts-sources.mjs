// A rollup plugin that reads src/ straight from TypeScript, for tools that bundle the sources
// rather than dist/ (the bench's per-module size breakdown, unit tests of internal modules):
// `.js` specifiers resolved to the `.ts` files beside them, types stripped by TypeScript itself.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/** `target`: the language level of the output (the bench measures bytes at ES2020, as the build). */
export function typescriptSources({ target = ts.ScriptTarget.ES2022 } = {}) {
  return {
    name: 'ts-sources',
    resolveId(source, importer) {
      if (!importer || !importer.endsWith('.ts') || !source.startsWith('.')) return null;
      const file = join(dirname(importer), source.replace(/\.js$/, '.ts'));
      return existsSync(file) ? file : null;
    },
    transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const out = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: { target, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, sourceMap: false },
      });
      return { code: out.outputText, map: null };
    },
  };
}
