// Loads an internal module of src/ (one no entry exports as such) for a unit test: rollup bundles it
// from the TypeScript sources (types stripped by TypeScript itself) into one ES module in memory.
// The shipped bundles are tested through their entries; this is for logic below them.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import { typescriptSources } from '../../scripts/ts-sources.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Imports `src/<path>` (e.g. 'shared/validate.ts'), bundled with what it imports. */
export async function importSource(path) {
  const build = await rollup({ input: join(ROOT, 'src', path), plugins: [typescriptSources()] });
  try {
    const { output } = await build.generate({ format: 'es' });
    return import(`data:text/javascript;base64,${Buffer.from(output[0].code).toString('base64')}`);
  } finally {
    await build.close();
  }
}
