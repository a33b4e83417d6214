// The code samples of README.md, CONTRIBUTING.md, SECURITY.md and docs/*.md that the pack suite's
// example check (test/pack/examples.mjs: every js/ts/html block that uses the package, and every
// @example of the shipped declarations, compiled against the installed tarball) does not take:
//   ```sh              every `npm run <script>` names a script of package.json, every `node <file>` a file
//   ```js / ```ts      a block that does not use the package (the REST simulator's, the shared hub's)
//                      compiled as the reader runs it from the repository's root, JavaScript checked
//                      as JavaScript (checkJs), without strictness: names, option keys and shapes
// and every fenced block has a language this test or the pack suite knows (`text`: output, not code).
// The Node samples (README's back end, docs/api-tokens.md's) also run against the REST simulator;
// the browser ones run in e2e/readme-samples.e2e.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { fencedBlocks } from '../pack/examples.mjs';
import { startRestServer } from '../../demo/rest/simulator.mjs';
import { DEFAULT_ACCOUNTS } from '../../demo/rest/fixtures.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const DOCS = ['README.md', 'CONTRIBUTING.md', 'SECURITY.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
// As test/pack/examples.mjs picks the blocks it checks.
const USES_PACKAGE = /['"]ucontact-bridge(?:\/[\w/-]+)?['"]|\bUContactBridge\./;

const blocks = DOCS.flatMap((file) => fencedBlocks(readFileSync(join(ROOT, file), 'utf8')).map((b) => ({ ...b, file })));

// The names a sample leaves to the reader's own code.
const PLACEHOLDERS = { serveDemo: 'any' };

const OPTIONS = {
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'], types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')],
  // TypeScript 6 defaults `strict` to true; a JavaScript reader's editor checks names, not strictness.
  strict: false, allowJs: true, checkJs: true, noEmit: true, skipLibCheck: true,
  // A block without import or export is a script (the shared hub's one-liner), not an ES module.
  moduleDetection: ts.ModuleDetectionKind.Legacy,
};

/** The errors of one sample compiled alone, as a file at the root (where `./demo/...` resolves), lines as the markdown's. */
function compile(block) {
  const sample = join(ROOT, `__docs-sample.${block.lang === 'ts' ? 'mts' : 'mjs'}`);
  const globals = join(ROOT, '__docs-sample.globals.d.ts');
  const used = Object.keys(PLACEHOLDERS).filter((p) => new RegExp(`\\b${p}\\b`).test(block.code));
  const files = new Map([[sample, block.code], [globals, used.map((p) => `declare var ${p}: ${PLACEHOLDERS[p]};`).join('\n')]]);
  const host = ts.createCompilerHost(OPTIONS);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists.call(host, f);
  host.readFile = (f) => files.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, v, ...rest) => (files.has(f) ? ts.createSourceFile(f, files.get(f), v, true) : getSourceFile.call(host, f, v, ...rest));
  const program = ts.createProgram([sample, globals], OPTIONS, host);
  // Only the sample's own errors (checkJs also checks the simulator's files a sample imports).
  return ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === sample).map((d) => {
    const line = d.file.getLineAndCharacterOfPosition(d.start).line;
    return `${block.file}:${block.line + line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

test('every fenced block of the docs names a language this test or the pack suite checks', () => {
  assert.ok(blocks.length >= 15);
  for (const b of blocks) {
    assert.ok(['js', 'ts', 'html', 'sh', 'text'].includes(b.lang), `${b.file}:${b.line}: a \`\`\`${b.lang || '(none)'} block: give it js, ts, html, sh or text`);
  }
});

for (const b of blocks.filter((x) => ['js', 'ts'].includes(x.lang) && !USES_PACKAGE.test(x.code))) {
  test(`${b.file}:${b.line} (${b.lang}, not the package's: the pack suite leaves it) compiles as the reader runs it`, () => {
    assert.deepEqual(compile(b), []);
  });
}

// Contract 4.2: uContact campaign names end in `->` (outbound) or `<-` (inbound), and the uPhone's
// Window Proxy documentation writes makeCall's `"campaign->"`. A sample a reader copies names a
// campaign as a tenant spells it: the uPhone sample's bare 'Sales' named no campaign of a real tenant.
// Also the @examples of the sources (what an editor shows on hover). '' (the framework's helper
// decides) and '*' (every campaign, a blacklist entry) are no names.
test('every campaign a sample names (campaign, outqueue) is spelled as uContact spells it: "…->" or "…<-"', () => {
  const walk = (dir) => readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(`${dir}/${d.name}`) : d.name.endsWith('.ts') ? [`${dir}/${d.name}`] : []));
  const examples = walk('src').flatMap((file) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(/\/\*\*[\s\S]*?\*\//g)]
    .filter((c) => c[0].includes('@example')).map((c) => ({ file, line: 0, code: c[0] })));
  const samples = [...blocks.filter((b) => ['js', 'ts', 'html'].includes(b.lang)), ...examples];
  const names = samples.flatMap((b) => [...b.code.matchAll(/\b(?:campaign|outqueue)\s*:\s*'([^']*)'/g)].map((m) => [`${b.file}:${b.line}`, m[1]]));
  assert.ok(names.length >= 6, `the samples name campaigns (${names.length} found)`);
  assert.deepEqual(names.filter(([, n]) => !['', '*'].includes(n) && !/.(?:->|<-)$/.test(n)), [], 'bare campaign names');
});

// The links a reader follows: every relative link of these files (and of bench/NOTES.md, which
// docs/performance.md sends readers to) names a file of the repository and, into a Markdown file, a
// heading of it, by the anchor GitHub makes of the heading (lower case, punctuation but `-` and `_`
// dropped, spaces as `-`, a repeated heading numbered). Code blocks are neither links nor headings.
test('every relative link of the docs names a file that exists and, into Markdown, a heading it has', () => {
  const blocksOut = (text) => text.replace(/^```[\s\S]*?^```$/gm, '');
  const anchors = (file) => {
    const seen = new Map();
    return new Set([...blocksOut(readFileSync(join(ROOT, file), 'utf8')).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)].map((m) => {
      const slug = m[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      return n ? `${slug}-${n}` : slug;
    }));
  };
  const broken = [];
  let links = 0;
  for (const file of [...DOCS, 'bench/NOTES.md']) {
    const text = blocksOut(readFileSync(join(ROOT, file), 'utf8'));
    for (const [, href] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(href)) continue; // https:, mailto:
      links++;
      const [path, hash] = href.split('#');
      const target = path ? join(dirname(file), path) : file;
      if (!existsSync(join(ROOT, target))) broken.push(`${file}: ${href} (no such file)`);
      else if (hash !== undefined && target.endsWith('.md') && !anchors(target).has(hash)) broken.push(`${file}: ${href} (no such heading)`);
    }
  }
  assert.ok(links >= 40, `links found: ${links}`);
  assert.deepEqual(broken, []);
});

test('the shell samples name npm scripts and files that exist', () => {
  const sh = blocks.filter((x) => x.lang === 'sh');
  assert.ok(sh.length >= 4);
  for (const b of sh) {
    for (const m of b.code.matchAll(/\bnpm run ([\w:-]+)/g)) assert.ok(PKG.scripts[m[1]], `${b.file}:${b.line}: npm run ${m[1]}: no such script`);
    for (const m of b.code.matchAll(/(?:^|\s)node\s+(?:--\S+\s+)*([\w./-]+\.m?js)\b/gm)) assert.ok(existsSync(join(ROOT, m[1])), `${b.file}:${b.line}: node ${m[1]}: no such file`);
  }
});

// README's inline list of the REST client's methods is what a reader types from: every name in it
// is a member of the client, and every member of the client is in it (a `…Multiple` read as four
// methods where two exist sent readers to `deleteDialerContactMultiple`).
test("README's list of the REST client's methods names each member of UContactClient, and only those", async () => {
  const { createUContactClient } = await import(join(ROOT, 'dist/http.js'));
  const token = Buffer.from('api:8f14e45f-ceea-4e7a-9b7c-2c9f1b2a3d4e').toString('base64');
  const members = Object.keys(createUContactClient({ baseUrl: 'https://acme.example.com', credentials: { token } }));
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const list = /^Methods \(each takes[\s\S]*?\n\n/m.exec(readme)?.[0];
  assert.ok(list, "README's Methods paragraph of ucontact-bridge/http");
  // Backticked names (`close()` and `request(path, …)` by the name before the parenthesis); `raw`
  // and `problems` are fields of the results, not members.
  const named = [...list.matchAll(/`([^`]+)`/g)].map((m) => /^([A-Za-z…]+)(?:\(|$)/.exec(m[1])?.[1]).filter((n) => n && !['raw', 'problems'].includes(n));
  assert.deepEqual(named.filter((n) => !members.includes(n)), [], 'named in README but not members of the client');
  assert.deepEqual(members.filter((n) => !named.includes(n)), [], 'members of the client README does not name');
});

// README's "Testing your integration" sample is a node:test file a reader copies: it runs as written,
// from the package's root (the package imports itself by its name), and its three tests pass. Its
// portal test waits forever on a library whose timeouts need a faked performance.now().
test("README's testing sample (stubbed fetch, stand-in window, node:test fake timers) runs and passes", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const code = /^## Testing your integration\n[\s\S]*?^```js\n([\s\S]*?)^```$/m.exec(readme)?.[1];
  assert.ok(code, "README's Testing your integration sample");
  // Without this runner's NODE_TEST_CONTEXT, the child reports as a plain run does (TAP).
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const out = spawnSync(process.execPath, ['--test-reporter=tap', '--input-type=module', '-e', code], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(out.status, 0, `${out.stdout}\n${out.stderr}`);
  assert.match(out.stdout, /^# pass 3$/m);
  assert.match(out.stdout, /^# fail 0$/m);
});

// The same section's prose lists what a stand-in window needs: one built with exactly those members
// (functions that do nothing, a parent that takes posts, a location) connects the portal and the
// Inbox client, embedded, and is destroyed without a TypeError (destroy() removes its listener).
test("README's testing section names every member a stand-in window needs, destroy() included", async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const list = /stand-in `window` with\s+([^.]*?)\(the option is typed/.exec(readme)?.[1];
  assert.ok(list, "README's list of a stand-in window's members");
  const names = [...list.matchAll(/`(\w+)`/g)].map((m) => m[1]);
  assert.ok(names.includes('parent') && names.includes('location'), names.join());
  const { connectPortal } = await import('../../dist/index.js');
  const { connectInbox } = await import('../../dist/inbox.js');
  const standIn = () => Object.fromEntries(names.map((n) => [n,
    n === 'parent' ? { postMessage() {} }
      : n === 'location' ? { origin: 'https://acme.ucontactcloud.com', protocol: 'https:', host: 'acme.ucontactcloud.com' }
        : () => {}]));
  for (const client of [connectPortal({ window: standIn() }), connectInbox({ window: standIn() })]) {
    assert.equal(client.embedded, true);
    client.destroy();
  }
});

// The Node samples run as a reader runs them: README's "A Node back end" (CommonJS, require()) and
// docs/api-tokens.md's (an ES module), each in a child process from the package's root, against the
// REST simulator. Their addresses and the user are left as written: the child's global fetch, read
// by the clients at each call, sends what goes to https://acme.ucontactcloud.com to the simulator.
// Its answers are handed back as new Responses, with no url: an answer whose url is the simulator's
// (another origin than the baseUrl) is refused as a followed redirect.
const SAMPLE_FETCH = `const __realFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => {
  const res = await __realFetch(String(url).replace('https://acme.ucontactcloud.com', process.env.SIM_URL), init);
  return new Response(res.body, res);
};`;

function runSample(code, type, env) {
  const out = { ...process.env, ...env };
  delete out.NODE_TEST_CONTEXT;
  return new Promise((resolve) => {
    execFile(process.execPath, [`--input-type=${type}`, '-e', code], { cwd: ROOT, env: out, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => resolve({ error, stdout, stderr }));
  });
}

test("README's Node back end sample places the call and reads its recordings; a 5xx on the call goes to checkBeforeRetrying; a bad number is thrown", async () => {
  const code = blocks.find((b) => b.file === 'README.md' && b.code.includes("require('ucontact-bridge/http')"))?.code;
  assert.ok(code, "README's Node back end sample");
  const server = await startRestServer({ port: 0, accounts: { ...DEFAULT_ACCOUNTS, users: { ...DEFAULT_ACCOUNTS.users, api: 'Api-s3cret' } } });
  try {
    const harness = `${SAMPLE_FETCH}
${code}
function checkBeforeRetrying(e) { return { unsure: e.code, status: e.status }; }
(async () => {
  const out = {};
  const recordings = await callCustomer('099123456');
  out.recordings = recordings.map((r) => ({ guid: r.guid, callerid: r.callerid }));
  await fetch(process.env.SIM_URL + '/sim/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fail: { path: 'Agents/AgentCall', status: 503 } }) }).then((r) => { out.fault = r.status; });
  out.unsure = await callCustomer('099123457');
  out.thrown = await callCustomer('099 123').then(() => 'resolved', (e) => e.code);
  await uc.close();
  console.log(JSON.stringify(out));
})();`;
    const r = await runSample(harness, 'commonjs', { SIM_URL: server.url, UCONTACT_PASSWORD: 'Api-s3cret' });
    assert.equal(r.error, null, `${r.stdout}\n${r.stderr}`);
    const out = JSON.parse(r.stdout);
    const calls = server.sim.state.calls;
    assert.equal(calls.length, 1, 'the call placed once, the 5xx one not at all');
    assert.deepEqual(out.recordings, [{ guid: calls[0].guid, callerid: '099123456' }]);
    assert.equal(out.fault, 200);
    assert.deepEqual(out.unsure, { unsure: 'HTTP_ERROR', status: 503 });
    assert.equal(out.thrown, 'INVALID_ARGUMENT');
    assert.equal(server.sim.state.sessions.endSessions, 1, 'uc.close() ended the session');
  } finally {
    await server.close();
  }
});

test("docs/api-tokens.md's sample loads a list, sends a fresh lead, reads the messages and calls a webhook without the token", async () => {
  const code = blocks.find((b) => b.file === 'docs/api-tokens.md' && b.code.includes('createApiTokenClient'))?.code;
  assert.ok(code, "docs/api-tokens.md's sample");
  const server = await startRestServer({ port: 0 });
  try {
    const harness = `${SAMPLE_FETCH}
const interactionId = 'int-0001';
${code}
console.log(JSON.stringify(messages.map((m) => m.id)));`;
    const r = await runSample(harness, 'module', { SIM_URL: server.url, UC_API_TOKEN: 'ucx-sim-api-token-0001' });
    assert.equal(r.error, null, `${r.stdout}\n${r.stderr}`);
    assert.deepEqual(JSON.parse(r.stdout), [1, 2, 3, 4, 5]);
    const s = server.sim.state;
    assert.deepEqual(s.lists.map(({ hub, filename, contacts }) => ({ hub, filename, contacts })), [{ hub: 'Sales', filename: 'november.csv', contacts: 1 }]);
    assert.deepEqual(s.freshLeads, [{ hub: 'Sales', accepted: 1 }]);
    assert.deepEqual(s.webhooks.map(({ name, method, fields, authorization }) => ({ name, method, fields, authorization })), [{ name: 'new-lead', method: 'POST', fields: ['phone'], authorization: false }]);
  } finally {
    await server.close();
  }
});

// README's note on `node10`: the repository's TypeScript reports the error it names without the option
// it names and none with it, and that option is the one the pack suite's node10 consumers set
// (test/pack/installed.mjs); a TypeScript that drops node10, or another value, makes the note stale.
test("README's node10 note: the repository's TypeScript refuses node10 with the error README names until its ignoreDeprecations, the pack suite's", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const note = /TypeScript (\d+) deprecates `node10` \(error TS(\d+)\) until `"ignoreDeprecations": "([\d.]+)"` is set/.exec(readme);
  assert.ok(note, "README's node10 note");
  assert.equal(ts.versionMajorMinor.split('.')[0], note[1]);
  const codes = (options) => {
    const program = ts.createProgram([], { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, ...options });
    return [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((d) => d.code);
  };
  assert.deepEqual(codes({}), [Number(note[2])]);
  assert.deepEqual(codes({ ignoreDeprecations: note[3] }), []);
  const installed = readFileSync(join(ROOT, 'test/pack/installed.mjs'), 'utf8');
  const set = [...installed.matchAll(/moduleResolution: 'node10'[^}]*?ignoreDeprecations: '([\d.]+)'/g)].map((m) => m[1]);
  assert.ok(set.length >= 2, 'the pack suite\'s node10 consumers');
  assert.deepEqual([...new Set(set)], [note[3]]);
});

// The option names of each factory, read from the shipped declarations (an interface's members, or
// every member of a type alias's object types, UPhoneOptions' three ways included).
function declaredOptions(file, name) {
  const text = readFileSync(join(ROOT, 'dist/types', file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = new Set();
  const collect = (node) => {
    if (ts.isPropertySignature(node)) found.add(node.name.getText(source));
    else if (ts.isTypeLiteralNode(node) || ts.isInterfaceDeclaration(node) || ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node) || ts.isParenthesizedTypeNode(node)) ts.forEachChild(node, collect);
    else if (ts.isTypeReferenceNode(node)) {
      const base = node.typeName.getText(source);
      const decl = source.statements.find((s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === base);
      if (decl) collect(ts.isTypeAliasDeclaration(decl) ? decl.type : decl);
    }
  };
  const decl = source.statements.find((s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name);
  assert.ok(decl, `${name} is not declared in dist/types/${file}`);
  collect(ts.isTypeAliasDeclaration(decl) ? decl.type : decl);
  return [...found].sort();
}

test("README's option tables (connectPortal, createUContactClient) name each option the declarations have, and only those", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = (heading) => {
    const from = readme.indexOf(heading);
    assert.ok(from >= 0, `README: ${heading}`);
    const rows = /\n\| option \| default \|[^\n]*\n\|[-|]+\|\n((?:\|[^\n]*\n)+)/.exec(readme.slice(from))?.[1];
    assert.ok(rows, `README: the option table under ${heading}`);
    return rows.split('\n').filter(Boolean).flatMap((row) => [...row.split('|')[1].matchAll(/`(\w+)`/g)].map((m) => m[1])).sort();
  };
  assert.deepEqual(table('**`connectPortal(options?)`**'), declaredOptions('portal/options.d.ts', 'PortalOptions'));
  assert.deepEqual(table('**`createUContactClient(options)`**'), declaredOptions('http/types.d.ts', 'UContactClientOptions'));
});

test("the docs' prose lists of options (connectInbox, embedUPhone, createApiTokenClient) name each option the declarations have", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const apiTokens = readFileSync(join(ROOT, 'docs/api-tokens.md'), 'utf8');
  const paragraph = (text, start) => {
    const from = text.indexOf(start);
    assert.ok(from >= 0, start);
    return text.slice(from, text.indexOf('\n\n', from));
  };
  const cases = [
    [paragraph(readme, '**`connectInbox(options?)`**'), 'inbox/types.d.ts', 'InboxOptions'],
    [paragraph(readme, '**`embedUPhone(options)`**'), 'uphone/types.d.ts', 'UPhoneOptions'],
    [paragraph(apiTokens, '`createApiTokenClient` takes'), 'http/types.d.ts', 'ApiTokenClientOptions'],
  ];
  for (const [text, file, name] of cases) {
    const named = new Set([...text.matchAll(/`(\w+)`/g)].map((m) => m[1]));
    assert.deepEqual(declaredOptions(file, name).filter((o) => !named.has(o)), [], `${name}: options the docs do not name`);
  }
});
