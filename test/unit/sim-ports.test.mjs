// The simulator's ports on an ordinary machine where another program already holds one: the second
// origin is `localhost`, which Chromium tries on ::1 before 127.0.0.1, so a port ours on 127.0.0.1
// only would send the cross-origin forms and the uPhone to that other program, silently. Taken is an
// error that names the port, and nothing of ours stays listening.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '../../demo/server.mjs';
import { demoText } from '../../demo/pages.mjs';

const START = fileURLToPath(new URL('../../demo/start.mjs', import.meta.url));
const REST_START = fileURLToPath(new URL('../../demo/rest/start.mjs', import.meta.url));

/** GET `path` from 127.0.0.1:`port` naming `host` in the Host header (as a browser that typed it would): `{ status, location, body }`. */
const getAs = (port, path, host) => new Promise((resolve, reject) => {
  request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
    let body = '';
    res.setEncoding('utf8').on('data', (c) => { body += c; }).on('end', () => resolve({ status: res.statusCode, location: res.headers.location, body }));
  }).on('error', reject).end();
});

/** Listens on `host` (port 0: one the system picks); resolves to the server, or null without that loopback. */
function occupy(host, port = 0) {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', (e) => (['EADDRNOTAVAIL', 'EAFNOSUPPORT'].includes(e.code) ? resolve(null) : reject(e)));
    server.listen(port, host, () => resolve(server));
  });
}
const stop = (server) => new Promise((r) => server.close(r));
/** A port free on 127.0.0.1 right now. */
async function freePort() {
  const s = await occupy('127.0.0.1');
  const { port } = s.address();
  await stop(s);
  return port;
}

test('a form port another program holds on ::1 (localhost) is an error, and the portal port is let go', async (t) => {
  const other = await occupy('::1');
  if (!other) return t.skip('no IPv6 loopback on this machine');
  try {
    const formPort = other.address().port;
    const portalPort = await freePort();
    // (Started anyway: stopped, so that the failure is this assertion, not a hung test file.)
    const started = startSimulator({ portalPort, formPort }).then(async (sim) => sim.close());
    await assert.rejects(started, (e) => e.code === 'EADDRINUSE' && e.port === formPort);
    // Nothing of ours left listening: both ports can be taken again.
    await stop(await occupy('127.0.0.1', portalPort));
    await stop(await occupy('127.0.0.1', formPort));
  } finally {
    await stop(other);
  }
});

test('npm run demo on a taken port: one line naming the port and the variable to change, no stack', async () => {
  const other = await occupy('127.0.0.1');
  try {
    const port = other.address().port;
    const r = spawnSync(process.execPath, [START], { env: { ...process.env, PORTAL_PORT: String(port), FORM_PORT: String(await freePort()) }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`port ${port} .*PORTAL_PORT`));
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  } finally {
    await stop(other);
  }
});

test('the REST simulator on an IPv6 address: its url brackets the address, as a URL must, and a client reaches it', async (t) => {
  const { startRestServer } = await import('../../demo/rest/simulator.mjs');
  let server;
  try {
    server = await startRestServer({ port: 0, host: '::1' });
  } catch (e) {
    if (['EADDRNOTAVAIL', 'EAFNOSUPPORT'].includes(e.code)) return t.skip('no IPv6 loopback on this machine');
    throw e;
  }
  try {
    // 'http://::1:<port>' is no URL: every fetch of `${url}/…` threw 'Invalid URL'.
    assert.equal(server.url, `http://[::1]:${server.port}`);
    assert.equal((await fetch(`${server.url}/sim/state`)).status, 200);
  } finally {
    await server.close();
  }
});

test('the desk and the Inbox opened as localhost:<portal port> (as people type it) go to the portal origin the simulator prints; its phone stays a second tenant there', async () => {
  // The portal origin is 127.0.0.1: a desk at http://localhost:8080 loaded, but its POSTs to the
  // framework stand-in were refused (403: not the portal's Origin) and its same-origin form was not.
  const sim = await startSimulator();
  try {
    const { port } = new URL(sim.portalOrigin);
    const get = (path, host) => getAs(port, path, host).then((r) => [r.status, r.location]);
    for (const path of ['/', '/?form=esm&origin=cross', '/index.html', '/inbox', '/inbox/?build=iife']) {
      assert.deepEqual(await get(path, `localhost:${port}`), [302, `${sim.portalOrigin}${path}`], path);
      assert.deepEqual(await get(path, `LOCALHOST:${port}`), [302, `${sim.portalOrigin}${path}`], path);
      assert.equal((await get(path, `127.0.0.1:${port}`))[0], 200, path);
    }
    assert.equal((await get('/uphone/', `localhost:${port}`))[0], 200, 'the second tenant of the uPhone tests');
  } finally {
    await sim.close();
  }
});

test('the agent app opened as 127.0.0.1:<form port> goes to the second origin the simulator prints (localhost), the one the phone may be framed by', async () => {
  // The phone's Frame ancestors are the simulator's two origins: the app at http://127.0.0.1:8081 was a
  // third one, so the browser refused the phone's frame and ready ended NOT_READY.
  const sim = await startSimulator();
  try {
    const { port } = new URL(sim.formOrigin);
    const get = (path, host) => getAs(port, path, host).then((r) => [r.status, r.location]);
    for (const path of ['/agent-app/', '/agent-app/?api=events', '/agent-app/iife.html', '/agent-app']) {
      assert.deepEqual(await get(path, `127.0.0.1:${port}`), [302, `${sim.formOrigin}${path}`], path);
    }
    assert.equal((await get('/agent-app/', `localhost:${port}`))[0], 200);
    assert.equal((await get('/agent-app/config.js', `localhost:${port}`))[0], 200);
  } finally {
    await sim.close();
  }
});

test('a request naming another host (DNS rebinding: a site whose name now resolves to 127.0.0.1) is refused on both ports; the simulator\'s own names are served', async () => {
  // The servers answered any Host: a page of http://evil.example:<port>, its name rebound to 127.0.0.1,
  // was same-origin with the simulator and read /sim/state (the numbers and comments a developer typed),
  // the CTI passphrase of /sim-config.js, and the desk's framework script with the agent's REST token.
  const sim = await startSimulator();
  try {
    const get = (origin, path, host) => getAs(new URL(origin).port, path, host).then((r) => [r.status, r.body]);
    const portal = new URL(sim.portalOrigin).port;
    const form = new URL(sim.formOrigin).port;
    for (const path of ['/sim/state', '/sim-config.js', '/uContact/assets/js/framework/integraFramework.js', '/sim/framework/state', '/', '/forms/crm.html', '/uphone/']) {
      for (const host of [`evil.example:${portal}`, `EVIL.example:${portal}`, 'evil.example', `127.0.0.1.evil.example:${portal}`]) {
        const [status, body] = await get(sim.portalOrigin, path, host);
        assert.equal(status, 403, `${path} for ${host}`);
        assert.ok(!body.includes(sim.passphrase) && !body.includes('agent1001'), `${path} for ${host}: nothing of the desk`);
      }
      assert.notEqual((await get(sim.portalOrigin, path, `127.0.0.1:${portal}`))[0], 403, path);
    }
    for (const path of ['/sim-config.js', '/agent-app/', '/forms/crm.html']) {
      assert.equal((await get(sim.formOrigin, path, `evil.example:${form}`))[0], 403, path);
      assert.equal((await get(sim.formOrigin, path, `localhost:${form}`))[0], 200, path);
      assert.equal((await get(sim.formOrigin, path, `[::1]:${form}`))[0], path === '/agent-app/' ? 302 : 200, path);
    }
    // The names the simulator answers to: the desk redirects localhost to the portal origin, the phone serves both.
    assert.equal((await get(sim.portalOrigin, '/', `localhost:${portal}`))[0], 302);
    assert.equal((await get(sim.portalOrigin, '/uphone/', `localhost:${portal}`))[0], 200);
    assert.equal(sim.rest.state.log.length, 0, 'no refused request reached the REST simulator');
  } finally {
    await sim.close();
  }
});

test('the standalone REST simulator on a loopback address refuses a request naming another host (DNS rebinding); on another address it cannot know its names', async () => {
  // `node demo/rest/start.mjs` answered any Host: a page of http://evil.example:8090, its name rebound
  // to 127.0.0.1, read /sim/state (what the developer's CRM sent) and logged in with the fixtures' passwords.
  const { startRestServer } = await import('../../demo/rest/simulator.mjs');
  const server = await startRestServer({ port: 0 });
  const get = (path, host, port = server.port) => getAs(port, path, host).then((r) => r.status);
  try {
    for (const host of [`evil.example:${server.port}`, 'evil.example', `127.0.0.1.nip.io:${server.port}`]) {
      assert.equal(await get('/sim/state', host), 403, host);
      assert.equal(await get('/api/webhook/x', host), 403, host);
    }
    for (const host of [`127.0.0.1:${server.port}`, `LOCALHOST:${server.port}`]) assert.equal(await get('/sim/state', host), 200, host);
    assert.equal(server.sim.state.webhooks.length, 0);
  } finally {
    await server.close();
  }
  const any = await startRestServer({ port: 0, host: '0.0.0.0' });
  try {
    assert.equal(await get('/sim/state', `crm-dev.lan:${any.port}`, any.port), 200, 'served to the names of the network');
  } finally {
    await any.close();
  }
});

// What npm run demo prints is read as a table: in each section, the pages' descriptions start in one
// column, with the default ports and with others of other lengths (PORTAL_PORT=18170 FORM_PORT=8081).
test('npm run demo prints each section\'s descriptions in one column, whatever the ports', () => {
  for (const [portal, form, devOrigins] of [[8080, 8081], [18170, 8081], [80, 65535], [8080, 8081, ['http://localhost:5173', 'http://127.0.0.1:3000']]]) {
    const text = demoText({ portalOrigin: `http://127.0.0.1:${portal}`, formOrigin: `http://localhost:${form}`, passphrase: 'p', devOrigins });
    for (const section of text.split('\n\n')) {
      // A page's line: its URL, spaces, its description (not a line of several URLs).
      const columns = new Set(section.split('\n').map((line) => /^ {4}(https?:\/\/\S+ +)(?!https?:)\S/.exec(line)?.[1].length).filter(Boolean));
      assert.ok(columns.size <= 1, `ports ${portal}, ${form}: descriptions in ${columns.size} columns in\n${section}`);
    }
  }
});

// README: `npm run demo` "prints every URL"; docs/simulator.md: "prints the URL of every page". The
// sample forms and the agent app are pages a reader opens from that list: each file of theirs is in
// it (the agent app's script-tag pages, iife.html and iife-full.html, were not).
test('npm run demo prints every page of the sample forms (/forms/) and of the agent app (/agent-app/)', () => {
  const sim = { portalOrigin: 'http://127.0.0.1:8080', formOrigin: 'http://localhost:8081', passphrase: 'p' };
  const text = demoText(sim);
  const printed = new Set([...text.matchAll(/https?:\/\/[^\s),;]+/g)].map((m) => m[0]));
  const html = (dir) => readdirSync(new URL(`../../demo/${dir}/`, import.meta.url), { recursive: true }).filter((f) => f.endsWith('.html')).map((f) => f.split('\\').join('/'));
  const pages = [
    ...html('forms').map((f) => `${sim.portalOrigin}/forms/${f}`),
    ...html('uphone/app').map((f) => `${sim.formOrigin}/agent-app/${f === 'index.html' ? '' : f}`),
  ];
  assert.ok(pages.length >= 6, pages.join(' '));
  assert.deepEqual(pages.filter((u) => !printed.has(u)), [], 'pages npm run demo does not print');
});

test('npm run demo with a PORTAL_PORT or FORM_PORT that is no port number: one line naming the variable, no stack', () => {
  // (Number('8080x') is NaN: Node threw ERR_SOCKET_BAD_PORT with its stack, naming neither.)
  for (const [name, value] of [['PORTAL_PORT', '8080x'], ['FORM_PORT', 'localhost:9081'], ['PORTAL_PORT', '70000'], ['FORM_PORT', '-1']]) {
    const r = spawnSync(process.execPath, [START], { env: { ...process.env, PORTAL_PORT: '0', FORM_PORT: '0', [name]: value }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 1, `${name}=${value}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^npm run demo: ${name} must be a port number`), `${name}=${value}`);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('npm run demo with the same PORTAL_PORT and FORM_PORT: one line naming both variables, not a port "taken by another program"', async () => {
  // (The form server met the portal's own socket: "port N is taken by another program; ... PORTAL_PORT=N+10".)
  const port = String(await freePort());
  const r = spawnSync(process.execPath, [START], { env: { ...process.env, PORTAL_PORT: port, FORM_PORT: port }, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, new RegExp(`^npm run demo: PORTAL_PORT and FORM_PORT must differ .*such as PORTAL_PORT=${port} FORM_PORT=${Number(port) + 1} npm run demo\\n$`));
  assert.doesNotMatch(r.stderr, /another program/);
});

// A developer's own pages on their dev server (another port): DEV_ORIGINS / devOrigins names them, and
// the desk, the Inbox, the uPhone and the REST API take them as the simulator's own (the browser side
// is in e2e/sim-contract.e2e.test.mjs). Before, a formUrl there was ignored and the phone refused them:
// the only way was editing demo/.
test('devOrigins: the desk\'s config names them (formUrl=), the uPhone may be framed there, the REST API answers them with CORS; as people write them', async () => {
  const sim = await startSimulator({ devOrigins: ['HTTP://LOCALHOST:5173/', 'http://127.0.0.1:3000'] });
  try {
    const dev = ['http://localhost:5173', 'http://127.0.0.1:3000'];
    assert.deepEqual(sim.devOrigins, dev);
    const config = await (await fetch(`${sim.portalOrigin}/sim-config.js`)).text();
    assert.deepEqual(JSON.parse(config.replace(/^window\.SIM = |;\n$/g, '')).devOrigins, dev);
    const phone = await fetch(`${sim.portalOrigin}/uphone/`);
    await phone.text();
    assert.equal(phone.headers.get('content-security-policy'), `frame-ancestors 'self' ${sim.formOrigin} ${dev.join(' ')}`);
    for (const origin of [...dev, sim.portalOrigin, sim.formOrigin]) {
      const pre = await fetch(`${sim.portalOrigin}/Integra/resources/Agents/AgentCall`, { method: 'OPTIONS', headers: { origin } });
      assert.deepEqual([pre.status, pre.headers.get('access-control-allow-origin')], [204, origin], origin);
    }
  } finally {
    await sim.close();
  }
  // `rest.allowedOrigins` adds to them: the simulator's own pages keep theirs.
  const more = await startSimulator({ rest: { allowedOrigins: ['http://localhost:4000'] } });
  try {
    assert.deepEqual(more.rest.config.allowedOrigins, [more.portalOrigin, more.formOrigin, 'http://localhost:4000']);
  } finally {
    await more.close();
  }
  // What is no origin is refused before a port is taken, naming the option.
  for (const bad of ['localhost:5173', 'http://localhost:5173/form.html', '*']) {
    await assert.rejects(startSimulator({ devOrigins: [bad] }), (e) => e instanceof TypeError && /^devOrigins holds origins/.test(e.message), bad);
  }
});

/** What `npm run demo` (demo/start.mjs, spawned with `options`) prints up to its "Ctrl+C" line; the demo is stopped. */
async function demoOutput(options) {
  const child = spawn(process.execPath, [START], options);
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c) => { out += c; });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    await new Promise((resolve, reject) => {
      child.stdout.on('data', () => out.includes('Ctrl+C') && resolve());
      child.once('exit', () => reject(new Error(`exited: ${out}`)));
    });
    return out;
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

test('npm run demo with DEV_ORIGINS: prints the desk and Inbox URLs that frame those origins; one that is no origin is one line naming the variable', async () => {
  for (const value of ['localhost:5173', 'http://localhost:5173/app', 'http://localhost:5173;http://127.0.0.1:3000']) {
    const r = spawnSync(process.execPath, [START], { env: { ...process.env, PORTAL_PORT: '0', FORM_PORT: '0', DEV_ORIGINS: value }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 1, `${value}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /^npm run demo: DEV_ORIGINS holds origins .* such as DEV_ORIGINS=http:\/\/localhost:5173 npm run demo\n$/, value);
  }
  const out = await demoOutput({ env: { ...process.env, PORTAL_PORT: '0', FORM_PORT: '0', DEV_ORIGINS: 'http://localhost:5173, http://127.0.0.1:3000' } });
  const portal = /http:\/\/127\.0\.0\.1:\d+/.exec(out)[0];
  for (const dev of ['http://localhost:5173', 'http://127.0.0.1:3000']) {
    assert.ok(out.includes(`${portal}/?formUrl=${encodeURIComponent(`${dev}/`)} `), dev);
    assert.ok(out.includes(`${portal}/inbox?formUrl=${encodeURIComponent(`${dev}/`)} `), dev);
  }
  assert.doesNotMatch(out, /DEV_ORIGINS=<its origin>/, 'the hint is for a demo started without them');
  assert.match(demoText({ portalOrigin: portal, formOrigin: 'http://localhost:8081', passphrase: 'p' }), /\n {2}Your own form or app on another origin \(a dev server\): DEV_ORIGINS=<its origin> npm run demo \(docs\/simulator\.md\)\n/);
});

test('node demo/rest/start.mjs with a wrong argument or a taken port: one line saying which, no stack', async () => {
  // (`node demo/rest/start.mjs http://localhost:5173`, the port left out: Node's ERR_SOCKET_BAD_PORT
  // named `options.port` and NaN under a stack; a bad origin, or a taken port, a stack too.)
  const other = await occupy('127.0.0.1');
  try {
    for (const [args, why] of [[['http://localhost:5173'], /the first argument is the port/], [['8090x'], /the first argument is the port/],
      [['0', 'localhost:5173'], /the arguments after the port are allowed origins/], [[String(other.address().port)], new RegExp(`port ${other.address().port} is taken`)]]) {
      const r = spawnSync(process.execPath, [REST_START, ...args], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 1, `${args}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, new RegExp(`^node demo/rest/start\\.mjs: ${why.source}.*such as node demo/rest/start\\.mjs 8090 http://localhost:5173\\n$`), String(args));
    }
  } finally {
    await stop(other);
  }
});

// A form that calls the framework's UC_* helpers needs the portal's origin, as uContact serves its
// forms: DEV_FORMS / devForms serves a developer's folder there. Before, only demo/forms/ was.
test('devForms: the folder is served on the portal\'s origin at /dev-forms/ (read-only, never outside it), not on the second origin; a folder that does not exist is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dev-forms-'));
  mkdirSync(join(dir, 'myform'));
  writeFileSync(join(dir, 'myform', 'index.html'), '<!doctype html><p>mine');
  mkdirSync(join(dir, 'assets')); // no index.html: no form
  writeFileSync(join(dir, '..', `${dir.split(/[\\/]/).pop()}-secret.txt`), 'outside');
  const sim = await startSimulator({ devForms: dir });
  try {
    const page = await fetch(`${sim.portalOrigin}/dev-forms/myform/index.html`);
    assert.deepEqual([page.status, page.headers.get('content-type'), await page.text()], [200, 'text/html; charset=utf-8', '<!doctype html><p>mine']);
    assert.equal((await fetch(`${sim.formOrigin}/dev-forms/myform/index.html`)).status, 404, 'the portal origin\'s only');
    const name = `${dir.split(/[\\/]/).pop()}-secret.txt`;
    for (const path of [`/dev-forms/../${name}`, `/dev-forms/%2e%2e/${name}`, `/dev-forms/..%2f${name}`]) {
      const { status, body } = await getAs(Number(new URL(sim.portalOrigin).port), path, new URL(sim.portalOrigin).host);
      assert.notEqual(body, 'outside', path);
      assert.equal(status, 404, path);
    }
    assert.equal((await fetch(`${sim.portalOrigin}/dev-forms/myform/index.html`, { method: 'POST' })).status, 405);
    assert.equal(sim.devForms, dir);
    // The demo prints a link to the desk framing each form found at start.
    assert.deepEqual(sim.devFormNames, ['myform']);
    assert.ok(demoText(sim).includes(`${sim.portalOrigin}/?formUrl=${encodeURIComponent('/dev-forms/myform/index.html')}   myform`), demoText(sim));
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(dir, '..', `${dir.split(/[\\/]/).pop()}-secret.txt`), { force: true });
  }
  await assert.rejects(startSimulator({ devForms: join(dir, 'gone') }), (e) => e instanceof TypeError && /^devForms names a folder/.test(e.message));
});

test('npm run demo with DEV_FORMS: a relative folder is the one npm was started in\'s (INIT_CWD), printed with the desk\'s URL; one that does not exist is one line naming the variable', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'dev-forms-cwd-'));
  mkdirSync(join(parent, 'forms'));
  try {
    const env = { ...process.env, PORTAL_PORT: '0', FORM_PORT: '0', INIT_CWD: parent };
    const r = spawnSync(process.execPath, [START], { env: { ...env, DEV_FORMS: 'nope' }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /^npm run demo: DEV_FORMS names a folder that does not exist .*\n$/);
    // npm runs the script in the package's folder (here: another one), INIT_CWD says where npm was started.
    const out = await demoOutput({ env: { ...env, DEV_FORMS: 'forms' }, cwd: tmpdir() });
    assert.match(out, new RegExp(`Your forms \\(DEV_FORMS ${join(parent, 'forms').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): http://127\\.0\\.0\\.1:\\d+/dev-forms/`));
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('on port 80 (PORTAL_PORT=80 or FORM_PORT=80) the origins are written as browsers write them, without the port: the pages\' checks against them match', async (t) => {
  // `http://127.0.0.1:80` in the config: the Inbox's cross-origin form compared it with the Inbox's
  // `location.origin`, `http://127.0.0.1`, and failed with ORIGIN_REJECTED; the sample CRM form took
  // its own origin for the portal's.
  for (const [ports, expected] of [[{ portalPort: 80 }, { portalOrigin: 'http://127.0.0.1' }], [{ formPort: 80 }, { formOrigin: 'http://localhost' }]]) {
    const sim = await startSimulator(ports).catch((e) => (['EACCES', 'EADDRINUSE'].includes(e.code) ? null : Promise.reject(e)));
    if (!sim) {
      t.diagnostic(`port 80 not available here: ${JSON.stringify(ports)} not checked`);
      continue;
    }
    try {
      for (const [k, v] of Object.entries(expected)) assert.equal(sim[k], v);
      const config = await (await fetch(`${sim.portalOrigin}/sim-config.js`)).text();
      const SIM = JSON.parse(config.replace(/^window\.SIM = |;\n$/g, ''));
      assert.deepEqual([SIM.portalOrigin, SIM.formOrigin], [sim.portalOrigin, sim.formOrigin]);
      for (const o of [sim.portalOrigin, sim.formOrigin]) assert.equal(o, new URL(`${o}/`).origin, 'as location.origin writes it');
    } finally {
      await sim.close();
    }
  }
});
