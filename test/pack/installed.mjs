// What the pack suite's files share: the package as a user gets it, one `npm pack` of the built dist/
// installed offline (the package has no dependencies) into a temp dir, and the TypeScript projects
// that import every entry from it, per compiler (pack.test.mjs: the project's TypeScript;
// typescript-5.0.test.mjs: 5.0, the oldest the README promises). The entries come from scripts/entries.mjs.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { GLOBAL_NAME, MODULE_ENTRIES, SCRIPT_ENTRIES, moduleFiles, scriptFiles } from '../../scripts/entries.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const NAME = 'ucontact-bridge';
export const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

// The variables npm sets for the script running this test must not steer the scratch installs.
export const env = Object.fromEntries(Object.entries(process.env)
  .filter(([k]) => !/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|INIT_CWD$|NODE_OPTIONS$)/.test(k)));
const exec = promisify(execFile);
export const run = (cmd, args, cwd) => exec(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
// A failing child's output in full: the assertion message is all a reader sees.
export const runOrShow = async (cmd, args, cwd) => {
  try {
    return await run(cmd, args, cwd);
  } catch (e) {
    throw new Error(`${[cmd, ...args].join(' ')} (in ${cwd}) failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: e });
  }
};

export const specifier = (subpath) => (subpath === '.' ? NAME : `${NAME}/${subpath.slice(2)}`);
export const ident = (name) => `m_${name.replace(/\W/g, '_')}`;
export const modules = MODULE_ENTRIES.map((e) => ({ ...e, ...moduleFiles(e), id: ident(e.name) }));
export const scripts = SCRIPT_ENTRIES.map((e) => ({ ...e, ...scriptFiles(e) }));

/** The temp dir: the tarball, node_modules/ucontact-bridge, one folder per scratch project. */
export let work;
export let tarball;
/** The installed package's folder. */
export let pkgDir;
/** Per module entry, the names its ES build exports (read from the repo's dist/). */
export const names = {};

/**
 * Packs and installs the package before the calling file's tests, with `files` (name: text) beside
 * it in the temp dir; removes it all after them.
 */
export function installPackage(files = {}) {
  before(async () => {
    for (const f of [...modules.flatMap((m) => [m.esm, m.cjs, m.types, m.ctsTypes]), ...scripts.flatMap((s) => [s.min, s.types])]) {
      assert.ok(existsSync(join(ROOT, f)), `${f} is missing: run \`npm run build\` first`);
    }
    for (const m of modules) names[m.name] = Object.keys(await import(pathToFileURL(join(ROOT, m.esm)))).sort();
    work = await mkdtemp(join(tmpdir(), 'ucontact-bridge-pack-'));
    // --ignore-scripts: pack the dist/ this run built (prepack would build it again).
    const { stdout } = await runOrShow('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
    tarball = join(work, JSON.parse(stdout)[0].filename);
    await writeFile(join(work, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
    await runOrShow('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], work);
    pkgDir = join(work, 'node_modules', NAME);
    for (const [name, text] of Object.entries(files)) await writeFile(join(work, name), text);
  });

  after(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });
}

/** Writes a scratch project's files (paths relative to its folder) and returns the folder. */
export async function project(dir, files) {
  const root = join(work, dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), typeof text === 'string' ? text : JSON.stringify(text, null, 2));
  }
  return root;
}

/**
 * The names script-tag bundles' code puts on their global, each run as a classic script (in order) in
 * one fresh realm: only what a browser page would have at load time.
 */
export function globalNames(...codes) {
  const page = vm.createContext({ TextDecoder, TextEncoder, performance, setTimeout, clearTimeout, URL, URLSearchParams });
  for (const code of codes) vm.runInContext(code, page);
  return Object.keys(page[GLOBAL_NAME] ?? {}).sort();
}

// ---- TypeScript ---------------------------------------------------------------------------------

export const STRICT = { strict: true, skipLibCheck: false, skipDefaultLibCheck: true, noEmitOnError: true, types: [], lib: ['ES2022', 'DOM'], outDir: 'out' };

// Per entry: a namespace import whose type must list exactly the names the JavaScript exports, and
// no export typed `any` (an untyped or wrongly resolved module would be).
const typedEntries = (load) => modules.map((m) => {
  const list = names[m.name].map((n) => `'${n}'`).join(' | ');
  return `${load(m)}
type NoAny_${m.id} = { [K in keyof typeof ${m.id}]: 0 extends 1 & (typeof ${m.id})[K] ? never : (typeof ${m.id})[K] };
export const ${m.id}_typed: NoAny_${m.id} = ${m.id};
export const ${m.id}_names: [Exclude<keyof typeof ${m.id}, ${list}>] extends [never] ? [Exclude<${list}, keyof typeof ${m.id}>] extends [never] ? true : false : false = true;`;
}).join('\n');

// The TypeScript projects: each type-checks (skipLibCheck off), is compiled, and its output runs.
const TS_PROJECTS = [
  {
    // lib ES2018: the oldest standard library the README says the declarations need.
    id: 'ts-bundler', format: 'esm', types: 'types',
    pkg: { type: 'module' },
    options: { module: 'ESNext', moduleResolution: 'bundler', target: 'ES2022', lib: ['ES2018', 'DOM'] },
    // What the README's Errors section documents on every error, `cause` included: Error declares
    // its `cause` only from lib ES2022 on, so BridgeError must declare it itself.
    source: () => `${typedEntries((m) => `import * as ${m.id} from '${specifier(m.subpath)}';`)}
export const errorFields = (e: unknown): unknown[] => (${ident('index')}.isBridgeError(e) ? [e.code, e.operation, e.status, e.detail, e.cause] : []);`,
  },
  {
    id: 'ts-nodenext-esm', format: 'esm', types: 'types',
    pkg: { type: 'module' },
    options: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022' },
    source: () => typedEntries((m) => `import * as ${m.id} from '${specifier(m.subpath)}';`),
  },
  {
    // The case that used to compile, then crash: a CommonJS project's imports become require().
    id: 'ts-nodenext-cjs', format: 'cjs', types: 'ctsTypes',
    pkg: { type: 'commonjs' },
    options: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022' },
    source: () => typedEntries((m) => `import * as ${m.id} from '${specifier(m.subpath)}';`),
  },
  {
    // Node16: nodenext as TypeScript froze it for Node 16 (no require of an ES module), as ESM and as
    // CommonJS: the same conditions must pick the same declarations.
    id: 'ts-node16-esm', format: 'esm', types: 'types',
    pkg: { type: 'module' },
    options: { module: 'Node16', moduleResolution: 'Node16', target: 'ES2022' },
    source: () => typedEntries((m) => `import * as ${m.id} from '${specifier(m.subpath)}';`),
  },
  {
    id: 'ts-node16-cjs', format: 'cjs', types: 'ctsTypes',
    pkg: { type: 'commonjs' },
    options: { module: 'Node16', moduleResolution: 'Node16', target: 'ES2022' },
    source: () => typedEntries((m) => `import * as ${m.id} from '${specifier(m.subpath)}';`),
  },
  {
    // moduleResolution "node" (node10) ignores `exports`: typesVersions must show the subpaths.
    id: 'ts-node10', format: 'cjs', types: 'types',
    pkg: { type: 'commonjs' },
    options: { module: 'CommonJS', moduleResolution: 'node10', target: 'ES2022', ignoreDeprecations: '6.0' },
    source: () => typedEntries((m) => `import * as ${m.id} from '${specifier(m.subpath)}';`),
  },
];

/**
 * The TypeScript projects' tests, `[name, fn]` for the calling file's `test()` (each project's tsc
 * takes seconds: run them two at a time on 2 cores), compiled by the `tsc` at `tsc`; `options`
 * turns a project's compiler options into those this version takes.
 */
export function typeScriptTests({ tsc: TSC, options: optionsFor = (o) => o }) {
  const tests = [];
  for (const p of TS_PROJECTS) {
    tests.push([`${p.id.slice(3)} (${p.options.module}/${p.options.moduleResolution}): every entry type-checks against what it exports, compiles and runs`, async () => {
      const dir = await project(p.id, {
        'package.json': p.pkg,
        'tsconfig.json': { compilerOptions: optionsFor({ ...STRICT, ...p.options }), files: ['index.ts'] },
        'index.ts': p.source(),
        'run.mjs': `import { createRequire } from 'node:module';\n` +
          `const m = ${p.format === 'cjs' ? "createRequire(import.meta.url)('./out/index.js')" : "await import('./out/index.js')"};\n` +
          `console.log(JSON.stringify(Object.fromEntries(Object.keys(m).filter((k) => k.endsWith('_typed')).map((k) => [k, Object.keys(m[k]).sort()]))));\n`,
      });
      const { stdout: listed } = await runOrShow(process.execPath, [TSC, '-p', '.', '--listFiles'], dir);
      // Each entry's declarations are the ones this resolution mode must pick (.d.cts for require).
      for (const m of modules) {
        assert.ok(listed.split('\n').includes(join(pkgDir, m[p.types])), `${p.id}: ${specifier(m.subpath)} did not resolve to ${m[p.types]}`);
      }
      const { stdout, stderr } = await runOrShow(process.execPath, ['run.mjs'], dir);
      assert.equal(stderr, '');
      const out = JSON.parse(stdout);
      for (const m of modules) assert.deepEqual(out[`${m.id}_typed`], names[m.name], `${p.id}: ${specifier(m.subpath)} at run time`);
    }]);
  }

  // A Node back end has no DOM: the entries a server uses must type-check with Node's types alone
  // (the default skipLibCheck: false checks every declaration file they reach).
  tests.push(['a Node project without the DOM library: the http and cti entries type-check (ES and CommonJS)', async () => {
    for (const type of ['module', 'commonjs']) {
      const dir = await project(`ts-node-no-dom-${type}`, {
        'package.json': { type },
        'tsconfig.json': {
          compilerOptions: {
            ...STRICT, lib: ['ES2022'], types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')],
            module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022',
          },
          files: ['index.ts'],
        },
        'index.ts': `import { createUContactClient, createApiTokenClient, restFallback } from '${NAME}/http';
import { parseCti, respoolBuilder } from '${NAME}/cti';
export const used = [createUContactClient, createApiTokenClient, restFallback, parseCti, respoolBuilder];
`,
      });
      await runOrShow(process.execPath, [TSC, '-p', '.'], dir);
    }
  }]);

  // A script-tag file defines the global and exports nothing; its declaration says so. The global is
  // typed in a script after a reference, and in a module by the reference or by the import that sets
  // it (no "allowUmdGlobalAccess"); a named import is a compile error (its `@ts-expect-error` fails
  // the compile when the import type-checks), as it fails in a bundler.
  const scriptTagFiles = (s, { named = true, imported = true } = {}) => {
    const list = s.globalNames.map((n) => `'${n}'`).join(' | ');
    const head = (load) => (s.together ?? [s]).map((x) => load(specifier(x.subpath))).join('');
    const use = `const portal = ${s.globalNames.includes('connectPortal') ? `${GLOBAL_NAME}.connectPortal() satisfies ${GLOBAL_NAME}.PortalClient` : `${GLOBAL_NAME}.isBridgeError satisfies (value: unknown) => boolean`};
const failure: ${GLOBAL_NAME}.BridgeErrorCode = 'TIMEOUT';
const exact: [Exclude<keyof typeof ${GLOBAL_NAME}, ${list}>] extends [never] ? [Exclude<${list}, keyof typeof ${GLOBAL_NAME}>] extends [never] ? true : false : false = true;
void portal; void failure; void exact;
`;
    return {
      // A script (no import/export), as a form's code loaded after the <script src> is.
      // The portal client where the bundle has it (the uPhone's has not); every bundle has the guard.
      'page.ts': `${head((x) => `/// <reference types="${x}" />\n`)}${use}`,
      'referenced.ts': `${head((x) => `/// <reference types="${x}" />\n`)}${use}export {};\n`,
      ...(imported && { 'imported.ts': `${head((x) => `import '${x}';\n`)}${use}export {};\n` }),
      ...(named && { 'named.ts': `// @ts-expect-error a script-tag file exports nothing\nimport { isBridgeError } from '${specifier(s.subpath)}';\nexport const guard = isBridgeError;\n` }),
    };
  };
  for (const s of scripts) {
    tests.push([`script tag ${specifier(s.subpath)}: the global's declaration types exactly the names the minified bundle defines, in a script and a module; a named import is refused`, async () => {
      s.globalNames ??= globalNames(readFileSync(join(pkgDir, s.min), 'utf8'));
      const files = scriptTagFiles(s);
      const dir = await project(`ts-script-${s.file}`, {
        // Module detection "auto": page.ts is a script.
        'tsconfig.json': { compilerOptions: { ...STRICT, noEmit: true, module: 'ESNext', moduleResolution: 'bundler' }, files: Object.keys(files) },
        ...files,
      });
      await runOrShow(process.execPath, [TSC, '-p', '.'], dir);
    }]);
  }
  // Two or three files in one page: their declarations add up as the bundles do at run time (the
  // global's names exactly theirs together), in either order, with and without skipLibCheck (which
  // once hid that the later file's names were dropped; without it, TS2300 and TS2403 inside ours).
  const byFile = (file) => scripts.find((x) => x.file === file);
  const together = [['ucontact-bridge.portal', 'ucontact-bridge.uphone'], ['ucontact-bridge.uphone', 'ucontact-bridge.portal'], ['ucontact-bridge.uphone', 'ucontact-bridge', 'ucontact-bridge.portal']];
  for (const list of together) {
    const subpaths = list.map((f) => specifier(byFile(f).subpath)).join(' + ');
    tests.push([`script tags ${subpaths} in one page: the global types exactly the names the minified bundles define together, with and without skipLibCheck`, async () => {
      const s = { together: list.map(byFile) };
      s.globalNames = globalNames(...s.together.map((x) => readFileSync(join(pkgDir, x.min), 'utf8')));
      const files = scriptTagFiles(s, { named: false });
      const dir = await project(`ts-scripts-${list.join('-')}`, {
        'tsconfig.json': { compilerOptions: { ...STRICT, noEmit: true, module: 'ESNext', moduleResolution: 'bundler' }, files: Object.keys(files) },
        'tsconfig.skip.json': { extends: './tsconfig.json', compilerOptions: { skipLibCheck: true } },
        ...files,
      });
      await runOrShow(process.execPath, [TSC, '-p', '.'], dir);
      await runOrShow(process.execPath, [TSC, '-p', 'tsconfig.skip.json'], dir);
    }]);
  }
  // The other resolution modes, with the full file: nodenext reads every file of a "type": "module"
  // project as a module; a CommonJS one gets the global by the reference (`require` of the file is
  // attw's one finding).
  const modes = [
    { id: 'node16-esm', type: 'module', options: { module: 'Node16', moduleResolution: 'Node16' } },
    { id: 'nodenext-cjs', type: 'commonjs', options: { module: 'NodeNext', moduleResolution: 'NodeNext' }, imported: false },
    { id: 'node10', type: 'commonjs', options: { module: 'CommonJS', moduleResolution: 'node10', ignoreDeprecations: '6.0' } },
  ];
  for (const m of modes) {
    const s = scripts.find((x) => x.subpath === './iife');
    tests.push([`script tag ${specifier(s.subpath)} (${m.options.module}/${m.options.moduleResolution}): the global in a script and a module; a named import is refused`, async () => {
      s.globalNames ??= globalNames(readFileSync(join(pkgDir, s.min), 'utf8'));
      const files = scriptTagFiles(s, { imported: m.imported ?? true });
      const dir = await project(`ts-script-${m.id}`, {
        'package.json': { type: m.type },
        'tsconfig.json': { compilerOptions: optionsFor({ ...STRICT, noEmit: true, ...m.options }), files: Object.keys(files) },
        ...files,
      });
      await runOrShow(process.execPath, [TSC, '-p', '.'], dir);
    }]);
  }
  return tests;
}
