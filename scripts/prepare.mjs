// npm's `prepare` script. dist/ is not committed, so a package installed from a git URL
// (`npm install github:owner/repo`, or a git+file: URL) would have nothing to import: npm runs
// `prepare` in the clone after installing its devDependencies, and this builds dist/ there. It builds
// only when an entry's output is missing, so a checkout with dist/ built is left alone (`npm test`
// and `npm pack` build anyway: the `build` suite, and `prepack`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULE_ENTRIES, SCRIPT_ENTRIES, moduleFiles, scriptFiles } from './entries.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const outputs = [
  ...MODULE_ENTRIES.flatMap((e) => { const f = moduleFiles(e); return [f.esm, f.cjs, f.types, f.ctsTypes]; }),
  ...SCRIPT_ENTRIES.flatMap((e) => { const f = scriptFiles(e); return [f.min, f.types]; }),
];
const missing = outputs.filter((f) => !existsSync(join(ROOT, f)));

if (missing.length > 0) {
  if (!existsSync(join(ROOT, 'node_modules/rollup/package.json'))) {
    // `npm ci --omit=dev` in a clone: nothing to build with, and nothing here needs dist/.
    process.stdout.write('prepare: dist/ is not built and the devDependencies are not installed: skipped\n');
  } else {
    process.stdout.write(`prepare: building dist/ (${missing[0]} is missing)\n`);
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
}
