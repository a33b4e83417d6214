// The package as a user gets it (installed.mjs: one `npm pack` of the built dist/, installed offline
// into scratch projects in a temp dir), then every entry imported from ES modules, CommonJS (without
// require(esm)) and TypeScript (bundler, node16 and nodenext as ESM and as CommonJS, node10), type-checked
// against what the JavaScript really exports, and run. publint --strict and attw check the same
// tarball. The entries come from scripts/entries.mjs: a new entry is checked here unchanged.
// typescript-5.0.test.mjs compiles the TypeScript projects with 5.0 too.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { CONTEXT, declarationExamples, docExamples, exampleFile, resultChecks } from './examples.mjs';
import {
  NAME, ROOT, STRICT, TSC, env, globalNames, installPackage, modules, names, pkgDir, project, run, runOrShow,
  scripts, specifier, tarball, typeScriptTests, work,
} from './installed.mjs';
import { GLOBAL_NAME } from '../../scripts/entries.mjs';
import { staleFields } from '../../scripts/package-fields.mjs';

const ATTW = join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');
const FIXTURE = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/cti/spec-example.json'), 'utf8'));

installPackage({ 'fixture.json': JSON.stringify(FIXTURE) });

// What every runtime project prints: per entry its export names, whether its BridgeError (if it has
// one) is the root's (one class per module format), where it resolved, and a CTI decrypted with the cti entry.
const report = (load, resolve) => `
const out = { entries: {} };
${modules.map((m) => `{ const m = ${load(specifier(m.subpath))}; out.entries[${JSON.stringify(m.name)}] = { names: Object.keys(m).sort(), sameBridgeError: 'BridgeError' in m ? m.BridgeError === root.BridgeError : null, file: ${resolve(specifier(m.subpath))} }; if (${JSON.stringify(m.name)} === 'cti') cti = m; }`).join('\n')}
const fixture = JSON.parse(readFileSync(new URL('../fixture.json', BASE), 'utf8'));
out.decrypted = JSON.parse(JSON.stringify(cti.decryptCti(fixture.ciphertext, fixture.passphrase)));
console.log(JSON.stringify(out));
`;

function checkReport(stdout, { format }) {
  const out = JSON.parse(stdout);
  for (const m of modules) {
    const got = out.entries[m.name];
    assert.deepEqual(got.names, names[m.name], `${specifier(m.subpath)}: the ${format} build exports other names than the ES build`);
    assert.notEqual(got.sameBridgeError, false, `${specifier(m.subpath)}: BridgeError is another class than the root entry's`);
    const want = format === 'cjs' ? m.cjs : m.esm;
    assert.equal(got.file, pathToFileURL(join(pkgDir, want)).href, `${specifier(m.subpath)} resolved to another file than ${want}`);
  }
  assert.deepEqual(out.decrypted, JSON.parse(JSON.stringify(FIXTURE.expect.cti)));
}

test('package.json exports, typesVersions and sideEffects are those of scripts/entries.mjs', () => {
  assert.deepEqual(staleFields(), [], 'run `npm run package-fields`');
});

test('the tarball: every entry\'s files, LICENSE, no source or test file, no runtime dependency', async () => {
  const { stdout } = await runOrShow('tar', ['-tzf', tarball], work);
  const files = stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
  for (const f of [...modules.flatMap((m) => [m.esm, m.cjs, m.types, m.ctsTypes]), ...scripts.flatMap((s) => [s.full, s.min, s.types])]) {
    assert.ok(files.includes(f.slice(2)), `${f} is not in the tarball`);
  }
  for (const f of ['package.json', 'README.md', 'LICENSE']) assert.ok(files.includes(f), `${f} is not in the tarball`);
  assert.deepEqual(files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(f)), []);
  const pkg = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8'));
  // crypto-js is bundled into the cti entry (README, Install): nothing to install beside the package.
  assert.deepEqual(pkg.dependencies ?? {}, {});
  assert.deepEqual(pkg.peerDependencies ?? {}, {});
});

// Every file of dist/ as shipped (the pack suite's walk: source maps, code, declarations).
const shipped = (test = () => true) => {
  const walk = (dir) => readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : test(d.name) ? [join(dir, d.name)] : []));
  return walk(join(pkgDir, 'dist'));
};

test('the notices: crypto-js\'s exactly in the files that hold its code, ours in those that hold BridgeError, once each; LICENSE has crypto-js\'s', async () => {
  // MIT: crypto-js's copyright notice goes with every copy of its code, whichever file a user takes
  // (an ES or CommonJS entry, a script-tag file copied to a server). Ours heads each file that holds
  // the error type: every program holding our code holds it (test/unit/license-notice.test.mjs).
  const CRYPTO_JS_LICENSE = readFileSync(join(ROOT, 'node_modules/crypto-js/LICENSE'), 'utf8');
  const holders = [...CRYPTO_JS_LICENSE.matchAll(/^Copyright \(c\) (.+?)\s*$/gm)].map((m) => `(c) ${m[1]}`);
  assert.ok(holders.length > 0, 'no Copyright line in crypto-js\'s LICENSE');
  const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules/crypto-js/package.json'), 'utf8'));
  const cryptoJsNotice = `/*! crypto-js ${version} | MIT | ${holders.join(', ')} */`;
  const words = (text) => text.replace(/^#.*$|\[The MIT License \(MIT\)\]\(\S*\)|The MIT License \(MIT\)/gm, '').split(/\s+/).filter(Boolean).join(' ');
  assert.ok(words(await readFile(join(pkgDir, 'LICENSE'), 'utf8')).includes(words(CRYPTO_JS_LICENSE)), 'LICENSE lacks crypto-js\'s license text');
  const count = (text, part) => text.split(part).length - 1;
  const wrong = [];
  const seen = { cryptoJs: [], ours: [] };
  for (const file of shipped((name) => /\.c?js$/.test(name))) {
    const code = await readFile(file, 'utf8');
    const name = file.slice(pkgDir.length + 1);
    // `_doReset`: a property of crypto-js's hashers and ciphers, kept by terser (not mangled).
    const cryptoJs = code.includes('_doReset') ? 1 : 0;
    const ours = /Symbol\.for\((['"])ucontact-bridge\.error\1\)/.test(code) ? 1 : 0;
    if (cryptoJs) seen.cryptoJs.push(name);
    if (ours) seen.ours.push(name);
    if (count(code, cryptoJsNotice) !== cryptoJs) wrong.push(`${name}: crypto-js's notice ${count(code, cryptoJsNotice)} times, its code ${cryptoJs ? '' : 'not '}there`);
    if (count(code, '/*! ucontact-bridge | MIT */') !== ours) wrong.push(`${name}: our notice ${count(code, '/*! ucontact-bridge | MIT */')} times, BridgeError ${ours ? '' : 'not '}there`);
  }
  assert.deepEqual(wrong, []);
  // The check sees what it checks: crypto-js's code where the README says it is, the error type in
  // every script-tag file.
  const want = [...modules.filter((m) => m.name === 'cti').flatMap((m) => [m.esm, m.cjs]), ...scripts.filter((s) => s.subpath === './iife').flatMap((s) => [s.full, s.min])];
  assert.deepEqual(seen.cryptoJs.sort(), want.map((f) => f.slice(2)).sort());
  for (const s of scripts) assert.ok(seen.ours.includes(s.min.slice(2)), `${s.min}: BridgeError not found`);
});

test('no file of the tarball names the folder it was built in', async () => {
  // A map's source, a declaration's inferred import("…") type, a plugin's comment: an absolute path
  // of the build machine shows where and by whom it was built, and points nowhere on a user's.
  const named = [];
  for (const file of shipped()) if ((await readFile(file, 'utf8')).includes(ROOT.replace(/[\\/]$/, ''))) named.push(file.slice(pkgDir.length + 1));
  assert.deepEqual(named, []);
});

test('every source map of the tarball shows its sources: each is in the package or inline (sourcesContent)', async () => {
  // The package ships dist/ only: a map naming ../src/*.ts without their text points a debugger, or
  // a bundler reading maps (Vite, webpack's source-map-loader), at files no install has.
  const maps = shipped((name) => name.endsWith('.map'));
  assert.ok(maps.length > 0, 'no source map in the tarball');
  const unreadable = [];
  for (const file of maps) {
    const map = JSON.parse(await readFile(file, 'utf8'));
    map.sources.forEach((source, i) => {
      if (typeof map.sourcesContent?.[i] === 'string') return;
      if (existsSync(join(file, '..', map.sourceRoot ?? '', source))) return;
      unreadable.push(`${file.slice(pkgDir.length + 1)}: ${source}`);
    });
  }
  assert.deepEqual(unreadable.slice(0, 10), [], `${unreadable.length} sources neither shipped nor inline`);
});

test('publint --strict: no message', async () => {
  // The installed files are exactly the tarball's: no packing again.
  const { messages, pkg } = await publint({ pkgDir, pack: false, strict: true, level: 'suggestion' });
  assert.deepEqual(messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false })}`), []);
});

test('attw: no problem but CJSResolvesToESM on the script-tag subpaths (see the README)', async () => {
  // attw exits 1 when it finds problems; its JSON says which. It exits before a pipe has taken all of
  // its output (cut at 64 KB, which the JSON passes with four entries): it writes to a file instead.
  const out = join(work, 'attw.json');
  const fd = openSync(out, 'w');
  try {
    await new Promise((resolve, reject) => spawn(process.execPath, [ATTW, tarball, '--format', 'json'], { cwd: work, env, stdio: ['ignore', fd, 'inherit'] })
      .on('error', reject).on('close', resolve));
  } finally {
    closeSync(fd);
  }
  const problems = JSON.parse(readFileSync(out, 'utf8')).analysis.problems.map((p) => `${p.kind} ${p.entrypoint ?? ''} ${p.resolutionKind ?? ''}`.trim());
  // A script is not a module: `require('ucontact-bridge/iife')` resolves to a .js file that Node,
  // in a "type": "module" package, reads as ESM. Resolving its path (require.resolve) works.
  const explained = scripts.map((s) => `CJSResolvesToESM ${s.subpath} node16-cjs`);
  assert.deepEqual(problems.sort(), explained.sort());
});

test('ESM: every entry imports from the ES build and works', async () => {
  const dir = await project('esm', {
    'package.json': { type: 'module' },
    'index.mjs': `import { readFileSync } from 'node:fs';\nconst BASE = import.meta.url;\nlet cti;\n` +
      `const root = await import('${NAME}');\n` + report((s) => `await import('${s}')`, (s) => `import.meta.resolve('${s}')`),
  });
  const { stdout, stderr } = await runOrShow(process.execPath, ['index.mjs'], dir);
  checkReport(stdout, { format: 'esm' });
  assert.equal(stderr, '');
});

test('CommonJS: every entry requires the CommonJS build, without require(esm), and works', async () => {
  const dir = await project('cjs', {
    'package.json': { type: 'commonjs' },
    'index.cjs': `const { readFileSync } = require('node:fs');\nconst { pathToFileURL } = require('node:url');\n` +
      `const BASE = pathToFileURL(__filename).href;\nlet cti;\nconst root = require('${NAME}');\n` +
      report((s) => `require('${s}')`, (s) => `pathToFileURL(require.resolve('${s}')).href`),
  });
  // Node 20 before 20.19 cannot require() an ES module: prove the CommonJS build needs no such support.
  const flags = process.allowedNodeEnvironmentFlags.has('--experimental-require-module') ? ['--no-experimental-require-module'] : [];
  const { stdout, stderr } = await runOrShow(process.execPath, [...flags, 'index.cjs'], dir);
  checkReport(stdout, { format: 'cjs' });
  assert.equal(stderr, '');
});

test('script tag: each subpath is the minified bundle and defines the global', async () => {
  for (const s of scripts) {
    const dir = await project(`script-${s.file}`, {
      'package.json': { type: 'commonjs' },
      'resolve.cjs': `console.log(require.resolve('${specifier(s.subpath)}'))`,
    });
    const { stdout } = await runOrShow(process.execPath, ['resolve.cjs'], dir);
    assert.equal(stdout.trim(), join(pkgDir, s.min));
    const code = await readFile(stdout.trim(), 'utf8');
    const full = await readFile(join(pkgDir, s.full), 'utf8');
    assert.ok(code.length < full.length / 2, `${s.min} (${code.length} B) is not the minified ${s.full} (${full.length} B)`);
    s.globalNames = globalNames(code);
    // Every script-tag bundle carries the error guard (the uPhone's has no portal client).
    assert.ok(s.globalNames.includes('isBridgeError'), `${s.min} did not define ${GLOBAL_NAME}.isBridgeError`);
  }
});

test('script tag: each file imported as a module (`import \'ucontact-bridge/iife\'`, as sideEffects keeps it) defines the same global', async () => {
  // In a module `this` is undefined: a bundler's output, or Node's loader here, runs the file so.
  // The wrapper's `this.UContactBridge` threw "Cannot read properties of undefined" as it loaded.
  const dir = await project('script-import', { 'package.json': { type: 'module' } });
  for (const s of scripts) {
    for (const target of [specifier(s.subpath), pathToFileURL(join(pkgDir, s.full)).href]) {
      const { stdout } = await runOrShow(process.execPath, ['--input-type=module', '-e',
        `await import(${JSON.stringify(target)}); console.log(JSON.stringify(Object.keys(globalThis.${GLOBAL_NAME}).sort()));`], dir);
      assert.deepEqual(JSON.parse(stdout), globalNames(readFileSync(join(pkgDir, s.min), 'utf8')), `import '${target}'`);
    }
  }
});

// tsc takes seconds per project: two at a time (the machine has 2 cores).
describe('TypeScript', { concurrency: 2 }, () => {
  for (const [name, fn] of typeScriptTests({ tsc: TSC })) test(name, fn);
});

// An editor shows a `{@link X}` of a hover text as a link only when X is in scope in that declaration
// file; tsc's declaration emit drops imports that only comments used (scripts/build-types.mjs puts
// them back as type-only imports). The links of `files` in `program`, and those that name nothing.
async function links(program, files, root) {
  const ts = (await import('typescript')).default;
  const checker = program.getTypeChecker();
  const LINKS = new Set([ts.SyntaxKind.JSDocLink, ts.SyntaxKind.JSDocLinkCode, ts.SyntaxKind.JSDocLinkPlain]);
  const unresolved = [];
  let count = 0;
  for (const file of files) {
    const sf = program.getSourceFile(file);
    const visit = (node) => {
      if (LINKS.has(node.kind) && node.name) {
        count += 1;
        if (!checker.getSymbolAtLocation(node.name)) unresolved.push(`${file.slice(root.length + 1)}: {@link ${node.name.getText(sf)}}`);
      }
      for (const doc of node.jsDoc ?? []) visit(doc);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { count, unresolved };
}
const linkOptions = (ts) => ({ ...STRICT, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] });

test('every {@link} of the installed declarations (.d.ts and .d.cts) names something in scope', async () => {
  const ts = (await import('typescript')).default;
  const root = join(pkgDir, 'dist/types');
  const files = readdirSync(root, { recursive: true }).filter((f) => /\.d\.c?ts$/.test(f)).map((f) => join(root, f));
  const { count, unresolved } = await links(ts.createProgram(files, linkOptions(ts)), files, root);
  assert.ok(count > 50, `only ${count} {@link} tags found: the walk missed the comments`);
  assert.deepEqual(unresolved, []);
});

// A script-tag file's declaration (dist/*.iife.d.ts) and the dist/iife-types/ files it references
// carry the entries' hover texts; a page may load that one file alone, so each is checked in a
// program of its own: a link to a value of the global (`connectPortal`, `ERROR_CODES`) or to a type
// the file's namespace lacks named nothing there.
test('every {@link} of each script-tag declaration (and the dist/iife-types/ files it references) names something in scope', async () => {
  const ts = (await import('typescript')).default;
  const dist = join(pkgDir, 'dist');
  let total = 0;
  const unresolved = [];
  for (const s of scripts) {
    const file = join(pkgDir, s.types);
    const program = ts.createProgram([file], linkOptions(ts));
    const files = program.getSourceFiles().map((sf) => sf.fileName).filter((f) => f === file || f.startsWith(`${join(dist, 'iife-types')}/`));
    assert.ok(files.length > 1, `${s.types}: its dist/iife-types/ files were not reached`);
    const found = await links(program, files, dist);
    total += found.count;
    unresolved.push(...found.unresolved.map((u) => `${s.types}: ${u}`));
  }
  assert.ok(total > 30, `only ${total} {@link} tags found: the walk missed the comments`);
  assert.deepEqual(unresolved, []);
});

// ---- The examples a user copies ------------------------------------------------------------------

// Without strictNullChecks (as a JavaScript project's checker and most TypeScript forms see them):
// the examples leave `getElementById`'s null and an unset environment variable to the reader.
test('every example of the README, docs/ and the declarations\' @example type-checks against the package', async () => {
  const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const entryTypes = modules.map((m) => readFileSync(join(pkgDir, m.types), 'utf8')).join('\n');
  const exported = new Set([...entryTypes.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((n) => n.trim()).filter(Boolean)));
  const fromDocs = docExamples(ROOT, docs);
  const fromTypes = declarationExamples(join(pkgDir, 'dist/types'), (name) => exported.has(name));
  // The example in the header of each script tag's declaration, in that bundle's global.
  const fromHeaders = scripts.map((s) => {
    const code = /^\/\/ {3}(const .*)$/m.exec(readFileSync(join(pkgDir, s.types), 'utf8'))?.[1];
    assert.ok(code, `no example in the header of ${s.types}`);
    return { where: `${s.types.slice(2)} (header)`, code, line: 4, global: s.subpath };
  });
  // The extraction itself: the README's quick start and API blocks, the token guide's, and the
  // @example of every entry's main functions.
  assert.ok(fromDocs.filter((e) => e.where.startsWith('README.md')).length >= 6, 'README examples not found');
  assert.ok(fromDocs.some((e) => e.where.startsWith('docs/api-tokens.md')), 'docs/api-tokens.md example not found');
  for (const name of ['connectPortal', 'readCti', 'respoolBuilder', 'createUContactClient', 'connectInbox', 'embedUPhone', 'isBridgeError']) {
    assert.ok(fromTypes.some((e) => e.where.endsWith(`of ${name})`)), `@example of ${name} not found`);
  }
  // An example that imports nothing gets every name of the entries (the root's first).
  const seen = new Set();
  const imports = modules.map((m) => {
    const own = names[m.name].filter((n) => !seen.has(n) && seen.add(n));
    return `import { ${own.join(', ')} } from '${specifier(m.subpath)}';`;
  }).join('\n');
  // Examples that must fail, one per way an example is written: if any passes, the check checks nothing.
  const canaries = [
    { where: 'canary: module', code: `import { connectPortal } from '${NAME}';\nconnectPortal({ timeout: 5 });` },
    { where: 'canary: no import', code: `portal.cal({ campaign: 'Sales->', destination: '099123456' });` },
    ...scripts.map((s) => ({ where: `canary: ${s.subpath}`, code: `${GLOBAL_NAME}.isBridgeError(1, 'TIMEOT');`, global: s.subpath })),
  ];
  // One program per script-tag global (two declarations of the one global cannot share a program);
  // the examples are modules (`export {}`): a reference types the global there, with no option.
  const programs = new Map();
  for (const e of [...fromDocs, ...fromTypes, ...fromHeaders, ...canaries]) {
    const key = e.global ?? './iife';
    if (!programs.has(key)) programs.set(key, []);
    programs.get(key).push(e);
  }
  const problems = [];
  const caught = new Set();
  for (const [key, list] of programs) {
    const files = { 'context.d.ts': CONTEXT };
    const byFile = {};
    list.forEach((e, i) => {
      const { text, offset } = exampleFile(e, imports);
      files[`e${i}.ts`] = text;
      byFile[`e${i}.ts`] = { e, offset };
    });
    const dir = await project(`examples-${key.replace(/\W/g, '_')}`, {
      'tsconfig.json': { compilerOptions: { ...STRICT, strict: false, noEmit: true, module: 'ESNext', moduleResolution: 'bundler' }, files: Object.keys(files) },
      ...files,
    });
    const out = await run(process.execPath, [TSC, '-p', '.', '--pretty', 'false'], dir).then((r) => r.stdout, (e) => `${e.stdout}${e.stderr}`);
    for (const line of out.split('\n').filter(Boolean)) {
      const m = /^(e\d+\.ts)\((\d+),\d+\): (error TS\d+: .*)$/.exec(line);
      const at = m && byFile[m[1]];
      if (at?.e.where.startsWith('canary')) caught.add(at.e.where);
      else problems.push(at ? `${at.e.where}, line ${at.e.line + Number(m[2]) - 1 - at.offset}: ${m[3]}` : line);
    }
  }
  assert.deepEqual(problems, []);
  assert.deepEqual([...caught].sort(), canaries.map((c) => c.where).sort(), 'a canary example passed the check');
});

test('the results the declarations\' @examples state are what the installed package returns', async () => {
  // Every name of the entries in scope (the root's first), as the examples use them without imports.
  const scope = {};
  for (const m of modules) {
    for (const [k, v] of Object.entries(await import(pathToFileURL(join(pkgDir, m.esm))))) if (!(k in scope)) scope[k] = v;
  }
  const AsyncFunction = (async () => {}).constructor;
  const runChecks = async (where, code) => {
    let count = 0;
    // structuredClone: the value as data (a null-prototype lookup compares as the literal's object).
    const check = (actual, expected, line) => {
      count++;
      assert.deepStrictEqual(structuredClone(actual), expected, `${where}, line ${line}: the example states another result`);
    };
    await new AsyncFunction(...Object.keys(scope), 'check', code)(...Object.values(scope), check);
    return count;
  };
  // A stated result that is wrong fails: the check is not a formality.
  await assert.rejects(runChecks('canary', resultChecks("ENDPOINTS.agentCall.path // 'Agents/AgentCal'")), /states another result/);
  let checked = 0;
  const stating = [];
  for (const e of declarationExamples(join(pkgDir, 'dist/types'), () => true)) {
    const code = resultChecks(e.code);
    if (!code) continue;
    stating.push(e.where);
    checked += await runChecks(e.where, code);
  }
  for (const name of ['parseCti', 'KeyValues', 'formatCallsBaseRecord', 'ENDPOINTS', 'readUPhoneMessage']) {
    assert.ok(stating.some((w) => w.endsWith(`of ${name})`)), `the @example of ${name} states no result any more`);
  }
  assert.ok(checked >= 9, `only ${checked} stated results checked`);
});
