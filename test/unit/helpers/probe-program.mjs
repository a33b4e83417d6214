// A TypeScript program of one in-memory file (`name`, at the project root so that `./dist/…` paths
// and the package's own name resolve as in a user's project) compiled with the compiler API against
// the built declarations: ES2022 with the DOM, bundler resolution, strict, no emit. `parsed` (a Map)
// shares the parsed declaration files (lib.dom's above all) between programs of one test file;
// `options` adds to or overrides the compiler options.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Returns `{ program, probe }`: the program and the in-memory file's path. */
export function probeProgram(name, text, parsed = new Map(), options = {}) {
  const probe = join(ROOT, name);
  const compilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], strict: true, noEmit: true, ...options,
  };
  const host = ts.createCompilerHost(compilerOptions);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => f === probe || fileExists.call(host, f);
  host.readFile = (f) => (f === probe ? text : readFile.call(host, f));
  host.getSourceFile = (f, v, ...rest) => (f === probe ? ts.createSourceFile(f, text, v, true)
    : parsed.get(f) ?? parsed.set(f, getSourceFile.call(host, f, v, ...rest)).get(f));
  return { program: ts.createProgram([probe], compilerOptions, host), probe };
}
